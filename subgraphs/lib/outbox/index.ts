/**
 * The transactional outbox: events for other parties written with the change they report,
 * and the dispatcher that delivers them, signed, to the recipients' webhooks.
 */
export { OutboxEvent, OutboxStatus } from './outbox-event.entity';
export {
  type DeliveryError,
  deliveryStateOf,
  OutboxDispatcher,
  type OutboxDispatcherOptions,
  type OutboxEndpoint,
  type OutboxLogger,
  type OutboxRunResult,
} from './dispatcher';
export {
  DEFAULT_SIGNATURE_TOLERANCE_SECONDS,
  EVENT_ID_HEADER,
  EVENT_TIMESTAMP_HEADER,
  type EventSignatureHeaders,
  type ReceivedHeaders,
  SIGNATURE_HEADER,
  signEvent,
  type SignEventInput,
  verifyEventSignature,
  type VerifyEventSignatureInput,
} from './signature';
