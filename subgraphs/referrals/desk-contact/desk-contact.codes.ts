import { registerEnumType } from 'type-graphql';

/**
 * The coded lists of the sportello sociale (seed 003, art. 2: the municipality and the
 * desks share "la tipologia di utenza e il bisogno manifestato"), in one place with their
 * Italian labels. The statistics group by these codes, so adding one is a schema change.
 */

/** Type of user (tipologia di utenza). */
export enum DeskUserType {
  WORKER = 'WORKER',
  UNEMPLOYED = 'UNEMPLOYED',
  PENSIONER = 'PENSIONER',
  MIGRANT = 'MIGRANT',
  STUDENT = 'STUDENT',
  OTHER = 'OTHER',
}
registerEnumType(DeskUserType, {
  name: 'DeskUserType',
  description: 'Type of user of a sportello sociale (tipologia di utenza), as recorded by the desk.',
  valuesConfig: {
    WORKER: { description: 'Lavoratrice / lavoratore.' },
    UNEMPLOYED: { description: 'Disoccupata / disoccupato o inoccupata / inoccupato.' },
    PENSIONER: { description: 'Pensionata / pensionato, anziana / anziano.' },
    MIGRANT: { description: 'Cittadina / cittadino straniero.' },
    STUDENT: { description: 'Studentessa / studente, giovane in formazione.' },
    OTHER: { description: 'Altro.' },
  },
});

/** Need expressed by the person (bisogno manifestato). */
export enum DeskNeed {
  JOB_SEARCH = 'JOB_SEARCH',
  INCOME_SUPPORT = 'INCOME_SUPPORT',
  HOUSING = 'HOUSING',
  HEALTH_CARE = 'HEALTH_CARE',
  TRAINING = 'TRAINING',
  CONSTRUCTION_SECTOR_BENEFITS = 'CONSTRUCTION_SECTOR_BENEFITS',
  OTHER = 'OTHER',
}
registerEnumType(DeskNeed, {
  name: 'DeskNeed',
  description: 'Need expressed at a sportello sociale (bisogno manifestato).',
  valuesConfig: {
    JOB_SEARCH: { description: 'Ricerca di lavoro.' },
    INCOME_SUPPORT: { description: 'Sostegno al reddito (ADI, SFL, NASpI, contributi).' },
    HOUSING: { description: 'Casa e abitare (edilizia residenziale pubblica, sfratti, utenze).' },
    HEALTH_CARE: { description: 'Salute, cura e non autosufficienza.' },
    TRAINING: { description: 'Formazione e istruzione.' },
    CONSTRUCTION_SECTOR_BENEFITS: { description: 'Prestazioni del settore edile (Cassa Edile: APE, ore, irregolarità).' },
    OTHER: { description: 'Altro bisogno.' },
  },
});

/** How the person's consent was recorded (modalità di acquisizione del consenso). */
export enum ConsentRecording {
  SIGNED_FORM = 'SIGNED_FORM',
  ELECTRONIC_SIGNATURE = 'ELECTRONIC_SIGNATURE',
  SPID_CONFIRMATION = 'SPID_CONFIRMATION',
}
registerEnumType(ConsentRecording, {
  name: 'ConsentRecording',
  description: 'How the person\'s consent was recorded, with the privacy notice (protocollo art. 5).',
  valuesConfig: {
    SIGNED_FORM: { description: 'Modulo di consenso firmato a mano, conservato dallo sportello.' },
    ELECTRONIC_SIGNATURE: { description: 'Firma elettronica (grafometrica o qualificata).' },
    SPID_CONFIRMATION: { description: 'Conferma della persona con identità digitale (SPID / CIE).' },
  },
});

/** What the desk did for the person (esito dell'orientamento). */
export enum OrientationOutcome {
  INFORMATION = 'INFORMATION',
  ORIENTATION = 'ORIENTATION',
  REFERRAL = 'REFERRAL',
  ACCOMPANIMENT = 'ACCOMPANIMENT',
  NO_FOLLOW_UP = 'NO_FOLLOW_UP',
}
registerEnumType(OrientationOutcome, {
  name: 'OrientationOutcome',
  description: 'Outcome of the contact (esito dell\'orientamento).',
  valuesConfig: {
    INFORMATION: { description: 'Informazione resa.' },
    ORIENTATION: { description: 'Orientamento ai servizi del territorio.' },
    REFERRAL: { description: 'Invio a un servizio competente.' },
    ACCOMPANIMENT: { description: 'Accompagnamento nella rete dei servizi (casi complessi).' },
    NO_FOLLOW_UP: { description: 'Nessun seguito.' },
  },
});

/** What happened to a desk contact, in its history. */
export enum DeskContactAction {
  REGISTERED = 'REGISTERED',
  REFERRED = 'REFERRED',
  CONSENT_WITHDRAWN = 'CONSENT_WITHDRAWN',
}
registerEnumType(DeskContactAction, {
  name: 'DeskContactAction',
  description: 'A change of a desk contact.',
  valuesConfig: {
    REGISTERED: { description: 'Registrato con il consenso della persona.' },
    REFERRED: { description: 'Inviato a un servizio (referral created).' },
    CONSENT_WITHDRAWN: { description: 'Consenso revocato: personal fields erased, pending referrals withdrawn.' },
  },
});

/** Dimensions of the municipality's aggregated view. MONTH and QUARTER exclude each other. */
export enum DeskStatisticsDimension {
  DESK = 'DESK',
  USER_TYPE = 'USER_TYPE',
  NEED = 'NEED',
  MONTH = 'MONTH',
  QUARTER = 'QUARTER',
}
registerEnumType(DeskStatisticsDimension, {
  name: 'DeskStatisticsDimension',
  description: 'A dimension of the desk contact statistics.',
  valuesConfig: {
    DESK: { description: 'The sportello sociale (service point code).' },
    USER_TYPE: { description: 'Tipologia di utenza.' },
    NEED: { description: 'Bisogno manifestato.' },
    MONTH: { description: 'Calendar month of the contact (YYYY-MM, Europe/Rome).' },
    QUARTER: { description: 'Calendar quarter of the contact (YYYY-Qn, Europe/Rome).' },
  },
});
