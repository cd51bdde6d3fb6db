import { registerEnumType } from 'type-graphql';

// Apart from the proposal entity so that the DID history can name a cause without importing it.
/** What a proposal would do to a DID, and why. */
export enum DidChangeKind {
  SUSPEND = 'SUSPEND',
  LAPSE = 'LAPSE',
  RESUME = 'RESUME',
  SANCTION_NO_SHOW = 'SANCTION_NO_SHOW',
  SANCTION_OFFER_REFUSED = 'SANCTION_OFFER_REFUSED',
}
registerEnumType(DidChangeKind, {
  name: 'DidChangeKind',
  description: 'The change a proposal makes to a DID once an operator confirms it, with its cause.',
  valuesConfig: {
    SUSPEND: { description: 'To SUSPENDED: a subordinate job of up to 180 days began (mandatory notice).' },
    LAPSE: { description: 'To LAPSED: a job of more than 180 days, or open-ended, began (mandatory notice).' },
    RESUME: { description: 'Back to VALIDATED: the short job that suspended the DID ended (termination notice, or its planned end passed with none).' },
    SANCTION_NO_SHOW: { description: 'To REVOKED: an appointment missed without justification (conditionality).' },
    SANCTION_OFFER_REFUSED: { description: 'To REVOKED: a suitable offer (offerta congrua) refused.' },
  },
});

