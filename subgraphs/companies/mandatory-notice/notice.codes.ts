import { registerEnumType } from 'type-graphql';
import { codeScalar } from '../../lib/code-scalar';

/** The events a UniLav communication notifies (domain.md §3.1). */
export enum MandatoryNoticeType {
  HIRE = 'HIRE',
  EXTENSION = 'EXTENSION',
  TRANSFORMATION = 'TRANSFORMATION',
  TRANSFER = 'TRANSFER',
  TERMINATION = 'TERMINATION',
}
registerEnumType(MandatoryNoticeType, {
  name: 'MandatoryNoticeType',
  description: 'Event notified by a mandatory notice (tipo comunicazione UniLav).',
  valuesConfig: {
    HIRE: { description: 'Assunzione (ASS): start of a relationship; due by 24:00 of the day before the start.' },
    EXTENSION: { description: 'Proroga (PRO): a later planned end date of a fixed-term relationship; due within 5 days.' },
    TRANSFORMATION: { description: 'Trasformazione (TRS): contract type or working time changes; due within 5 days.' },
    TRANSFER: { description: 'Trasferimento (TRD): the worker moves to another work site of the employer; due within 5 days.' },
    TERMINATION: { description: 'Cessazione (CES): end of the relationship; due within 5 days.' },
  },
});

/** Simplified CO states (domain.md §3.7, §13.4): only validated notices are stored. */
export enum MandatoryNoticeState {
  VALIDATED = 'VALIDATED',
  RECTIFIED = 'RECTIFIED',
  ANNULLED = 'ANNULLED',
}
registerEnumType(MandatoryNoticeState, {
  name: 'MandatoryNoticeState',
  description: 'State of a mandatory notice (stato CO).',
  valuesConfig: {
    VALIDATED: { description: 'Validata: accepted and in force.' },
    RECTIFIED: { description: 'Rettificata: replaced by a correcting notice that references it.' },
    ANNULLED: { description: 'Annullata: withdrawn; it has no effect.' },
  },
});

/** What a stored notice does: a filing, or the rectification or annulment of an earlier notice (domain.md §3.1, §3.6 rule 6). */
export enum NoticeAction {
  FILING = 'FILING',
  RECTIFICATION = 'RECTIFICATION',
  ANNULMENT = 'ANNULMENT',
}
registerEnumType(NoticeAction, {
  name: 'NoticeAction',
  description: 'What a notice does: files an event, or corrects or withdraws the notice named in `corrects`.',
  valuesConfig: {
    FILING: { description: 'Invio: files the event.' },
    RECTIFICATION: { description: 'Rettifica: replaces the notice it corrects, which becomes RECTIFIED.' },
    ANNULMENT: { description: 'Annullamento: withdraws the notice it corrects, which becomes ANNULLED; it has no effect of its own.' },
  },
});

/** Working-time code (tipo orario); the enum's internal values are the ministerial letters. */
export enum WorkingTime {
  FULL_TIME = 'F',
  HORIZONTAL_PART_TIME = 'P',
  VERTICAL_PART_TIME = 'V',
  MIXED_PART_TIME = 'M',
  NOT_DEFINED = 'N',
}
registerEnumType(WorkingTime, {
  name: 'WorkingTime',
  description: 'Working time (tipo orario) of the ministerial table: part-time forms need the average weekly hours.',
  valuesConfig: {
    FULL_TIME: { description: 'F: tempo pieno (full time).' },
    HORIZONTAL_PART_TIME: { description: 'P: part-time orizzontale (fewer hours every day).' },
    VERTICAL_PART_TIME: { description: 'V: part-time verticale (full days, fewer of them).' },
    MIXED_PART_TIME: { description: 'M: part-time misto (horizontal and vertical).' },
    NOT_DEFINED: { description: 'N: non definito, added by a later ministerial update.' },
  },
});

/** Residence-permit status of a non-EU worker (status straniero, domain.md §3.5); values are the ministerial digits. */
export enum ResidencePermitType {
  PERMIT = '1',
  RESIDENCE_CARD = '2',
  RENEWAL_IN_PROGRESS = '3',
  AWAITING_PERMIT = '4',
  PERMANENT_CARD = '5',
  OTHER_MEASURE = '6',
  EU_LONG_TERM_PERMIT = '7',
}
registerEnumType(ResidencePermitType, {
  name: 'ResidencePermitType',
  description: 'Residence title of a non-EU worker (status straniero / titolo di soggiorno).',
  valuesConfig: {
    PERMIT: { description: '1: permesso di soggiorno.' },
    RESIDENCE_CARD: { description: '2: carta di soggiorno.' },
    RENEWAL_IN_PROGRESS: { description: '3: rinnovo in corso.' },
    AWAITING_PERMIT: { description: '4: in attesa di permesso.' },
    PERMANENT_CARD: { description: '5: carta di soggiorno permanente.' },
    OTHER_MEASURE: { description: '6: altro provvedimento.' },
    EU_LONG_TERM_PERMIT: { description: '7: permesso di soggiorno UE per soggiornanti di lungo periodo.' },
  },
});

/** The 16-digit communication code (codice comunicazione) the system assigns to each notice. */
export const MandatoryNoticeCodeScalar = codeScalar(
  'MandatoryNoticeCode',
  'Codice comunicazione: the 16-digit code of a mandatory notice.',
  (value) => (/^\d{16}$/.test(value) ? { ok: true, value } : { ok: false, reason: 'must be 16 digits' }),
);

/** CO citizenship code of Italy. */
export const ITALIAN_CITIZENSHIP = '000';

/**
 * CO citizenship codes (the ISTAT three-digit codes of foreign states) of the other 26 EU
 * member states. Approximate: written from the ISTAT list, to be checked against the
 * ministerial table ST-Cittadinanza.
 */
export const EU_CITIZENSHIP_CODES: readonly string[] = [
  '203', '206', '209', '212', '214', '215', '216', '220', '221', '226', '227', '232', '233',
  '234', '235', '239', '240', '244', '247', '248', '249', '250', '251', '255', '257', '315',
];

/**
 * Iceland, Liechtenstein, Norway (EEA) and Switzerland: their citizens move freely like EU
 * citizens and hold no Italian residence permit, so they are not asked for one either.
 * Same approximation as {@link EU_CITIZENSHIP_CODES}.
 */
export const FREE_MOVEMENT_CITIZENSHIP_CODES: readonly string[] = ['223', '225', '231', '241'];

/** Whether a worker of this CO citizenship needs a residence permit: anyone but Italian, EU, EEA and Swiss citizens. */
export function needsResidencePermit(citizenship: string): boolean {
  return (
    citizenship !== ITALIAN_CITIZENSHIP &&
    !EU_CITIZENSHIP_CODES.includes(citizenship) &&
    !FREE_MOVEMENT_CITIZENSHIP_CODES.includes(citizenship)
  );
}
