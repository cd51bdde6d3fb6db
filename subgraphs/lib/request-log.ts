import { type ApolloServerPlugin } from '@apollo/server';
import { type RequestContext } from './context';

/**
 * One log line per GraphQL request, on the request's child logger (so it carries the
 * request id, role, purpose and organisation): operation name, duration and the error
 * codes returned. Variables and results are never logged: they hold personal data.
 */
export const requestLogPlugin: ApolloServerPlugin<RequestContext> = {
  async requestDidStart() {
    const started = performance.now();
    return {
      async willSendResponse({ contextValue, operationName, errors }) {
        const codes = [...new Set((errors ?? []).map((e) => String(e.extensions?.code ?? 'INTERNAL_SERVER_ERROR')))];
        contextValue.logger.info(
          { operation: operationName ?? null, ms: Math.round((performance.now() - started) * 10) / 10, ...(codes.length ? { errors: codes } : {}) },
          'graphql request',
        );
      },
    };
  },
};
