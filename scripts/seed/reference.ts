/**
 * Reference material for the synthetic Lombardy data set: where people live, the service
 * points of domain.md §12.5 and §9, the economic sectors of the employers with their ATECO
 * 2007 codes, collective agreements (CCNL) and job titles, and the small code lists the
 * generator draws from.
 *
 * CCNL codes come from the ministerial CCNL table used in the mandatory communications
 * (ANPAL "tab_ccnl": e.g. 068 construction ANCE, 071 construction crafts, 042 tertiary,
 * 113 metalworking, 167 tourism, EP public bodies). Job titles are CP2011 codes with the
 * ministerial sixth digit; they have the right shape and sit in the right major groups
 * (6.1 / 8.4 for construction trades) but are not checked one by one against the ISTAT list.
 */
import { type DatasetServicePoint, type ServicePointKind } from './dataset.types';
import { LOMBARDY_MUNICIPALITIES, LOMBARDY_PROVINCES, type LombardyProvince, type Municipality } from '../../subgraphs/lib/codes';

/** Relative population of the provinces (thousands of residents, rounded), by ISTAT code. */
export const PROVINCE_WEIGHTS: Readonly<Record<string, number>> = {
  '012': 880, '013': 595, '014': 180, '015': 3240, '016': 1105, '017': 1255,
  '018': 535, '019': 352, '020': 405, '097': 333, '098': 228, '108': 870,
};

/**
 * Weight of each listed municipality inside its province. The list holds only a sample of
 * the municipalities (the capitals and the Milan-area job-centre towns), so each town also
 * stands for its surroundings; the city of Milan keeps its real share of about 42%.
 */
export const MUNICIPALITY_WEIGHTS: Readonly<Record<string, number>> = {
  '015146': 42, '015209': 6, '015077': 6, '015189': 5, '015118': 7, '015093': 5, '015130': 5,
  '015142': 5, '015182': 7, '015192': 4, '015002': 4, '015140': 4,
  '019036': 55, '019035': 45,
};

/** Short upper-case names used in service-point codes (at most 12 characters). */
const SHORT_NAMES: Readonly<Record<string, string>> = {
  '012133': 'VARESE', '013075': 'COMO', '014061': 'SONDRIO', '015146': 'MILANO', '016024': 'BERGAMO',
  '017029': 'BRESCIA', '018110': 'PAVIA', '019036': 'CREMONA', '020030': 'MANTOVA', '097042': 'LECCO',
  '098031': 'LODI', '108033': 'MONZA', '015209': 'SESTO', '015077': 'CINISELLO', '015189': 'ROZZANO',
  '015118': 'LEGNANO', '015093': 'CORSICO', '015130': 'MAGENTA', '015142': 'MELZO', '015182': 'RHO',
  '015192': 'SANDONATO', '015002': 'ABBIATEGRAS', '015140': 'MELEGNANO', '019035': 'CREMA',
};

/** The AFOL Metropolitana job centres of domain.md §12.5 (besides CPI Milano). */
const AFOL_JOB_CENTRE_TOWNS: readonly string[] = ['015077', '015093', '015142', '015118', '015130', '015182', '015189', '015192'];

/** Decentralised CPI Milano desks in public-housing neighbourhoods (domain.md §9, §14). */
const MILAN_DESKS: readonly { code: string; name: string; address: string; neighbourhood: string }[] = [
  { code: 'DESK-015-SANSIRO', name: 'Sportello CPI quartiere San Siro', address: 'Via Paravia 26', neighbourhood: 'San Siro' },
  { code: 'DESK-015-PONTELAMBRO', name: 'Sportello CPI quartiere Ponte Lambro', address: 'Quartiere Ponte Lambro', neighbourhood: 'Ponte Lambro' },
  { code: 'DESK-015-BOIFAVA', name: 'Sportello CPI via Boifava', address: 'Via Boifava', neighbourhood: 'Stadera' },
  { code: 'DESK-015-JENNER', name: 'Sportello CPI viale Jenner', address: 'Viale Jenner', neighbourhood: 'Jenner' },
];

const municipalityByCode = new Map<string, Municipality>(LOMBARDY_MUNICIPALITIES.map((m) => [m.istatCode, m]));
const provinceByCode = new Map<string, LombardyProvince>(LOMBARDY_PROVINCES.map((p) => [p.istatCode, p]));

/** The municipality with this ISTAT code (only those of LOMBARDY_MUNICIPALITIES). */
export function municipality(istatCode: string): Municipality {
  const found = municipalityByCode.get(istatCode);
  if (!found) throw new RangeError('unknown municipality code');
  return found;
}

/** The Lombardy province with this ISTAT code. */
export function province(istatCode: string): LombardyProvince {
  const found = provinceByCode.get(istatCode);
  if (!found) throw new RangeError('unknown province code');
  return found;
}

function shortName(istatCode: string): string {
  const name = SHORT_NAMES[istatCode];
  if (!name) throw new RangeError('no short name for municipality');
  return name;
}

/** Code of the job centre (CPI) in charge of a municipality: its own AFOL CPI, else the capital's. */
export function jobCentreCodeFor(municipalityCode: string): string {
  const provinceCode = municipalityCode.slice(0, 3);
  if (AFOL_JOB_CENTRE_TOWNS.includes(municipalityCode)) return `CPI-${provinceCode}-${shortName(municipalityCode)}`;
  return `CPI-${provinceCode}-${shortName(province(provinceCode).capitalIstatCode)}`;
}

/** Code of the social services of a municipality (every listed municipality has its own). */
export function socialServicesCodeFor(municipalityCode: string): string {
  return `SOC-${municipalityCode.slice(0, 3)}-${shortName(municipalityCode)}`;
}

/** Codes of the special service points the generator routes referrals to. */
export const SERVICE_POINT_CODES = {
  milanJobCentre: 'CPI-015-MILANO',
  cremonaJobCentre: 'CPI-019-CREMONA',
  cremonaSocialServices: 'SOC-019-CREMONA',
  cremonaSocialDesk: 'SOCDESK-019-CREMONA',
  milanCassaEdile: 'CE-015-MILANO',
  cremonaCassaEdile: 'CE-019-CREMONA',
  milanPatronato: 'PATR-015-MILANO',
  cremonaPatronato: 'PATR-019-CREMONA',
  milanDesks: MILAN_DESKS.map((d) => d.code),
} as const;

function point(
  code: string,
  kind: ServicePointKind,
  name: string,
  municipalityCode: string,
  address: string,
  manager: string,
  extra: { publicHousingNeighbourhood?: boolean; neighbourhood?: string | null; parentCode?: string | null } = {},
): DatasetServicePoint {
  return {
    code,
    kind,
    name,
    municipality: municipalityCode,
    province: municipalityCode.slice(0, 3),
    address,
    manager,
    publicHousingNeighbourhood: extra.publicHousingNeighbourhood ?? false,
    neighbourhood: extra.neighbourhood ?? null,
    parentCode: extra.parentCode ?? null,
  };
}

/**
 * The service points of the demo: a job centre in every capital plus the AFOL centres of
 * Milan, the CPI Milano desks in public-housing neighbourhoods, social services in every
 * listed municipality, the Cremona sportello sociale, two Casse Edili and two patronati.
 * Where the real street address is not in our sources the address names the seat only.
 */
export function buildServicePoints(): DatasetServicePoint[] {
  const points: DatasetServicePoint[] = [];
  for (const p of LOMBARDY_PROVINCES) {
    const milan = p.istatCode === '015';
    points.push(
      point(
        `CPI-${p.istatCode}-${shortName(p.capitalIstatCode)}`,
        'JOB_CENTRE',
        `Centro per l'Impiego di ${p.capitalName}`,
        p.capitalIstatCode,
        milan ? 'Via Strozzi' : `Sede di ${p.capitalName}`,
        milan ? 'AFOL Metropolitana' : `Provincia di ${p.name}`,
      ),
    );
  }
  for (const town of AFOL_JOB_CENTRE_TOWNS) {
    const m = municipality(town);
    points.push(point(`CPI-015-${shortName(town)}`, 'JOB_CENTRE', `Centro per l'Impiego di ${m.name}`, town, `Sede di ${m.name}`, 'AFOL Metropolitana'));
  }
  for (const desk of MILAN_DESKS) {
    points.push(
      point(desk.code, 'JOB_CENTRE_DESK', desk.name, '015146', desk.address, 'AFOL Metropolitana - CPI Milano', {
        publicHousingNeighbourhood: true,
        neighbourhood: desk.neighbourhood,
        parentCode: SERVICE_POINT_CODES.milanJobCentre,
      }),
    );
  }
  for (const m of LOMBARDY_MUNICIPALITIES) {
    points.push(point(socialServicesCodeFor(m.istatCode), 'SOCIAL_SERVICES', `Servizi sociali del Comune di ${m.name}`, m.istatCode, `Sede di ${m.name}`, `Comune di ${m.name}`));
  }
  points.push(
    point(SERVICE_POINT_CODES.cremonaSocialDesk, 'SOCIAL_DESK', 'Sportello sociale di Cremona', '019036', 'Sede di Cremona', 'Comune di Cremona con CGIL e SPI CGIL Cremona'),
    point(SERVICE_POINT_CODES.milanCassaEdile, 'CASSA_EDILE', 'Cassa Edile di Milano, Lodi, Monza e Brianza', '015146', 'Sede di Milano', 'Cassa Edile di Milano, Lodi, Monza e Brianza'),
    point(SERVICE_POINT_CODES.cremonaCassaEdile, 'CASSA_EDILE', 'Cassa Edile della provincia di Cremona', '019036', 'Sede di Cremona', 'Cassa Edile della provincia di Cremona'),
    point(SERVICE_POINT_CODES.milanPatronato, 'PATRONATO', 'Patronato INCA CGIL Milano', '015146', 'Sede di Milano', 'INCA CGIL'),
    point(SERVICE_POINT_CODES.cremonaPatronato, 'PATRONATO', 'Patronato INCA CGIL Cremona', '019036', 'Sede di Cremona', 'INCA CGIL'),
  );
  return points;
}

/** Cassa Edile code of a construction firm by the province of its seat: Milan's covers Lodi and Monza too. */
export function cassaEdileCodeFor(provinceCode: string): string {
  if (provinceCode === '098' || provinceCode === '108') return 'MI00';
  return `${province(provinceCode).sigla}00`;
}

/** An economic activity: ATECO 2007 code and the CCNL usually applied. */
export interface Activity {
  readonly ateco: string;
  /** CCNL codes usually applied in the activity; an employer applies one of them. */
  readonly ccnl: readonly string[];
  /** Italian description of the activity. */
  readonly label: string;
}

/** How a sector hires: contracts, hours, seasonality, job titles. */
export interface SectorProfile {
  readonly key: string;
  /** Relative number of employers among the private non-construction ones. */
  readonly share: number;
  readonly activities: readonly Activity[];
  readonly qualifications: readonly string[];
  readonly contracts: readonly (readonly [string, number])[];
  readonly partTimeShare: number;
  /** Share of the sector's hires that are women (used to match people and employers). */
  readonly femaleShare: number;
  /** Share of fixed-term hires flagged as seasonal work. */
  readonly seasonalShare: number;
  /** Share of employers that are sole traders (16-character personal fiscal code). */
  readonly soleTraderShare: number;
  readonly jobTitles: readonly string[];
}

const STANDARD_CONTRACTS: readonly (readonly [string, number])[] = [
  ['A.01.00', 36], ['A.02.00', 40], ['A.02.01', 3], ['A.03.09', 8], ['A.05.02', 3], ['C.01.00', 4], ['B.03.00', 1],
];

/** The construction sector (ATECO section F). */
export const CONSTRUCTION: SectorProfile = {
  key: 'construction',
  share: 0,
  activities: [
    { ateco: '41.20.00', ccnl: ['068', '068', '071', '069'], label: 'Costruzione di edifici' },
    { ateco: '42.11.00', ccnl: ['068'], label: 'Costruzione di strade' },
    { ateco: '42.21.00', ccnl: ['068', '070'], label: 'Opere di pubblica utilità per il trasporto di fluidi' },
    { ateco: '43.11.00', ccnl: ['068', '071'], label: 'Demolizione' },
    { ateco: '43.12.00', ccnl: ['071', '068'], label: 'Preparazione del cantiere edile' },
    { ateco: '43.21.01', ccnl: ['071', '068'], label: 'Installazione di impianti elettrici' },
    { ateco: '43.22.01', ccnl: ['071'], label: 'Installazione di impianti idraulici e di riscaldamento' },
    { ateco: '43.31.00', ccnl: ['071'], label: 'Intonacatura e stuccatura' },
    { ateco: '43.34.00', ccnl: ['071'], label: 'Tinteggiatura e posa in opera di vetri' },
    { ateco: '43.91.00', ccnl: ['071', '068'], label: 'Realizzazione di coperture' },
  ],
  qualifications: ['6.1.2.1.0.1', '6.1.2.1.0.2', '6.1.2.5.0.1', '6.1.3.6.0.1', '6.1.3.7.0.1', '6.1.4.1.0.1', '8.4.2.1.0.1', '8.4.2.1.0.2', '8.4.2.1.0.1', '7.4.4.1.0.1', '3.1.3.5.0.1', '4.1.1.1.0.2'],
  contracts: [['A.01.00', 40], ['A.02.00', 38], ['A.03.09', 12], ['A.02.01', 1], ['C.01.00', 1]],
  partTimeShare: 0.06,
  femaleShare: 0.08,
  seasonalShare: 0,
  soleTraderShare: 0.1,
  jobTitles: ['Muratore', 'Manovale edile', 'Carpentiere', 'Elettricista', 'Idraulico', 'Imbianchino', 'Gruista'],
};

/** Public administration employers (publicAdministration = true). */
export const PUBLIC_ADMINISTRATION: SectorProfile = {
  key: 'public',
  share: 0,
  activities: [
    { ateco: '84.11.10', ccnl: ['EP'], label: 'Amministrazione comunale' },
    { ateco: '87.30.00', ccnl: ['EP'], label: 'Azienda pubblica di servizi alla persona' },
    { ateco: '85.20.00', ccnl: ['EP'], label: 'Istituto comprensivo statale' },
  ],
  qualifications: ['4.1.1.1.0.1', '4.1.1.1.0.2', '3.4.5.1.0.1', '5.3.1.1.0.1', '8.1.4.3.0.2'],
  contracts: [['A.01.00', 45], ['A.02.00', 45], ['A.02.01', 8], ['C.01.00', 2]],
  partTimeShare: 0.15,
  femaleShare: 0.65,
  seasonalShare: 0,
  soleTraderShare: 0,
  jobTitles: ['Impiegato amministrativo', 'Collaboratore scolastico', 'Educatrice'],
};

/** The other private sectors. */
export const PRIVATE_SECTORS: readonly SectorProfile[] = [
  {
    key: 'manufacturing', share: 24,
    activities: [
      { ateco: '25.62.00', ccnl: ['113', '115', '116'], label: 'Lavori di meccanica generale' },
      { ateco: '25.11.00', ccnl: ['113', '115'], label: 'Fabbricazione di strutture metalliche' },
      { ateco: '28.41.00', ccnl: ['113'], label: 'Fabbricazione di macchine utensili' },
      { ateco: '22.22.00', ccnl: ['088', '089'], label: 'Fabbricazione di imballaggi in plastica' },
      { ateco: '10.71.10', ccnl: ['127', '013'], label: 'Produzione di prodotti di panetteria freschi' },
      { ateco: '14.13.10', ccnl: ['001', '003'], label: 'Confezione in serie di abbigliamento esterno' },
    ],
    qualifications: ['7.2.1.1.0.1', '7.1.5.1.0.1', '6.2.1.3.0.1', '6.2.3.1.0.2', '7.2.7.1.0.1', '3.1.3.1.0.1', '4.3.1.2.0.1', '8.1.3.2.0.1'],
    contracts: STANDARD_CONTRACTS, partTimeShare: 0.1, femaleShare: 0.28, seasonalShare: 0, soleTraderShare: 0.03,
    jobTitles: ['Operaio metalmeccanico', 'Tornitore', 'Saldatore', 'Addetto al confezionamento', 'Panettiere'],
  },
  {
    key: 'trade', share: 20,
    activities: [
      { ateco: '47.11.20', ccnl: ['042', '335'], label: 'Supermercati' },
      { ateco: '47.71.10', ccnl: ['042', '496'], label: 'Commercio al dettaglio di confezioni' },
      { ateco: '46.90.00', ccnl: ['042'], label: 'Commercio all\'ingrosso non specializzato' },
      { ateco: '45.20.10', ccnl: ['116'], label: 'Riparazioni meccaniche di autoveicoli' },
    ],
    qualifications: ['5.1.2.2.0.1', '5.1.2.2.0.2', '5.1.2.4.0.1', '4.3.2.1.0.1', '8.1.3.1.0.1', '6.2.3.1.0.1'],
    contracts: STANDARD_CONTRACTS, partTimeShare: 0.35, femaleShare: 0.6, seasonalShare: 0.04, soleTraderShare: 0.12,
    jobTitles: ['Commessa', 'Cassiera', 'Magazziniere', 'Addetto vendite', 'Meccanico'],
  },
  {
    key: 'hospitality', share: 14,
    activities: [
      { ateco: '56.10.11', ccnl: ['483', '497'], label: 'Ristorazione con somministrazione' },
      { ateco: '56.30.00', ccnl: ['483'], label: 'Bar e altri esercizi simili' },
      { ateco: '55.10.00', ccnl: ['167', '334'], label: 'Alberghi' },
    ],
    qualifications: ['5.2.2.1.0.1', '5.2.2.3.0.1', '5.2.2.3.0.2', '5.2.2.4.0.1', '5.2.1.1.0.1', '8.1.4.1.0.1'],
    contracts: [['A.01.00', 20], ['A.02.00', 42], ['A.05.02', 16], ['A.03.09', 8], ['C.01.00', 4]],
    partTimeShare: 0.38, femaleShare: 0.55, seasonalShare: 0.3, soleTraderShare: 0.1,
    jobTitles: ['Cameriere', 'Cuoco', 'Barista', 'Aiuto cuoco', 'Receptionist'],
  },
  {
    key: 'support', share: 9,
    activities: [
      { ateco: '81.21.00', ccnl: ['119', '120'], label: 'Pulizia generale di edifici' },
      { ateco: '80.10.00', ccnl: ['092', '218'], label: 'Servizi di vigilanza privata' },
      { ateco: '82.20.00', ccnl: ['042'], label: 'Attività dei call center' },
    ],
    qualifications: ['8.1.4.3.0.1', '8.1.4.3.0.2', '5.4.4.3.0.1', '4.2.2.1.0.1'],
    contracts: STANDARD_CONTRACTS, partTimeShare: 0.45, femaleShare: 0.55, seasonalShare: 0, soleTraderShare: 0.02,
    jobTitles: ['Addetta alle pulizie', 'Guardia giurata', 'Operatore call center'],
  },
  {
    key: 'agency', share: 3,
    activities: [{ ateco: '78.20.00', ccnl: ['267'], label: 'Attività delle agenzie di lavoro temporaneo' }],
    qualifications: ['8.1.3.1.0.1', '7.2.1.1.0.1', '5.1.2.2.0.1', '4.1.1.1.0.1'],
    contracts: [['A.06.01', 85], ['A.06.00', 15]],
    partTimeShare: 0.2, femaleShare: 0.45, seasonalShare: 0, soleTraderShare: 0,
    jobTitles: ['Operaio in somministrazione', 'Magazziniere'],
  },
  {
    key: 'care', share: 10,
    activities: [
      { ateco: '87.30.00', ccnl: ['201', '031'], label: 'Strutture di assistenza residenziale per anziani e disabili' },
      { ateco: '88.10.00', ccnl: ['201'], label: 'Assistenza sociale non residenziale per anziani e disabili' },
      { ateco: '86.10.10', ccnl: ['031'], label: 'Ospedali e case di cura generici' },
    ],
    qualifications: ['5.3.1.1.0.1', '5.3.1.1.0.2', '3.2.1.1.1.1', '3.4.5.2.0.1', '8.1.4.3.0.1'],
    contracts: [['A.01.00', 40], ['A.02.00', 40], ['A.02.01', 8], ['C.01.00', 3]],
    partTimeShare: 0.35, femaleShare: 0.8, seasonalShare: 0, soleTraderShare: 0,
    jobTitles: ['Operatrice socio-sanitaria', 'Infermiera', 'Ausiliaria', 'Educatrice'],
  },
  {
    key: 'logistics', share: 8,
    activities: [
      { ateco: '49.41.00', ccnl: ['151', '327'], label: 'Trasporto di merci su strada' },
      { ateco: '52.10.10', ccnl: ['151', '102'], label: 'Magazzini di custodia e deposito per conto terzi' },
      { ateco: '53.20.00', ccnl: ['137', '151'], label: 'Altre attività postali e di corriere' },
    ],
    qualifications: ['7.4.2.3.0.1', '8.1.3.1.0.1', '8.1.3.1.0.2', '4.3.2.2.0.1', '7.4.2.2.0.1'],
    contracts: [['A.01.00', 30], ['A.02.00', 45], ['A.05.02', 4], ['N.02.00', 4], ['A.03.09', 4]],
    partTimeShare: 0.15, femaleShare: 0.2, seasonalShare: 0, soleTraderShare: 0.08,
    jobTitles: ['Autista', 'Magazziniere', 'Corriere', 'Carrellista'],
  },
  {
    key: 'professional', share: 5,
    activities: [
      { ateco: '71.12.10', ccnl: ['152', '178'], label: 'Attività degli studi di ingegneria' },
      { ateco: '69.20.11', ccnl: ['152'], label: 'Servizi forniti da dottori commercialisti' },
    ],
    qualifications: ['3.1.3.5.0.2', '4.1.1.1.0.1', '2.2.1.6.0.1', '3.3.1.2.0.1'],
    contracts: [['A.01.00', 45], ['A.02.00', 25], ['C.01.00', 12], ['B.03.00', 8], ['A.03.09', 10]],
    partTimeShare: 0.2, femaleShare: 0.55, seasonalShare: 0, soleTraderShare: 0.25,
    jobTitles: ['Impiegata contabile', 'Disegnatore tecnico', 'Segretaria'],
  },
  {
    key: 'it', share: 3,
    activities: [{ ateco: '62.01.00', ccnl: ['042', '113', '204'], label: 'Produzione di software' }],
    qualifications: ['2.1.1.4.1.1', '3.1.2.1.0.1', '3.1.2.2.0.1'],
    contracts: [['A.01.00', 55], ['A.02.00', 20], ['C.01.00', 10], ['A.03.09', 10], ['B.03.00', 5]],
    partTimeShare: 0.08, femaleShare: 0.3, seasonalShare: 0, soleTraderShare: 0.05,
    jobTitles: ['Sviluppatore software', 'Tecnico informatico'],
  },
  {
    key: 'personal', share: 2,
    activities: [{ ateco: '96.02.01', ccnl: ['021'], label: 'Servizi dei saloni di barbiere e parrucchiere' }],
    qualifications: ['5.4.3.1.0.1', '5.4.3.2.0.1'],
    contracts: [['A.01.00', 35], ['A.02.00', 35], ['A.03.09', 25], ['C.01.00', 5]],
    partTimeShare: 0.4, femaleShare: 0.75, seasonalShare: 0, soleTraderShare: 0.5,
    jobTitles: ['Parrucchiera', 'Estetista'],
  },
  {
    key: 'agriculture', share: 2,
    activities: [
      { ateco: '01.61.00', ccnl: ['011'], label: 'Attività di supporto alla produzione vegetale' },
      { ateco: '01.13.10', ccnl: ['011', '012'], label: 'Coltivazione di ortaggi' },
    ],
    qualifications: ['6.4.1.1.0.1', '6.4.1.3.0.1', '8.3.1.1.0.2'],
    contracts: [['A.02.00', 65], ['A.01.00', 20], ['H.03.00', 15]],
    partTimeShare: 0.1, femaleShare: 0.3, seasonalShare: 0.6, soleTraderShare: 0.3,
    jobTitles: ['Bracciante agricolo', 'Operaio florovivaista'],
  },
  {
    key: 'education', share: 1,
    activities: [{ ateco: '85.59.20', ccnl: ['078'], label: 'Corsi di formazione e aggiornamento professionale' }],
    qualifications: ['2.6.5.3.1.1', '3.4.2.1.0.1', '4.1.1.1.0.1'],
    contracts: [['A.01.00', 35], ['A.02.00', 40], ['B.03.00', 25]],
    partTimeShare: 0.4, femaleShare: 0.6, seasonalShare: 0, soleTraderShare: 0,
    jobTitles: ['Formatore', 'Tutor didattico'],
  },
];

/** Share of employers in construction (ATECO section F) and in public administration. */
export const CONSTRUCTION_EMPLOYER_SHARE = 0.22;
export const PUBLIC_EMPLOYER_SHARE = 0.03;

/**
 * Causes of termination (causa cessazione). The ministerial ST-Cessazione list is not in our
 * sources, so these are short mnemonic codes in the shape the companies subgraph accepts
 * (1-10 capital letters, digits, dots): replace them with the ministerial codes when the
 * workbook is imported.
 */
export const TERMINATION_CAUSES = {
  DIM: 'Dimissioni',
  'LIC.GMO': 'Licenziamento per giustificato motivo oggettivo',
  'LIC.GMS': 'Licenziamento per giustificato motivo soggettivo',
  'LIC.GC': 'Licenziamento per giusta causa',
  'LIC.COLL': 'Licenziamento collettivo',
  'RIS.CONS': 'Risoluzione consensuale',
  PROVA: 'Mancato superamento del periodo di prova',
  PENS: 'Pensionamento',
} as const;
export type TerminationCause = keyof typeof TERMINATION_CAUSES;

/** Causes that give a right to NASpI (involuntary job loss): the DID then often comes from INPS. */
export const INVOLUNTARY_CAUSES: readonly TerminationCause[] = ['LIC.GMO', 'LIC.GMS', 'LIC.COLL'];

/** Education levels (ISCED, as the workers subgraph names them) with typical titles and age at completion. */
export const EDUCATION: readonly { level: string; weight: number; age: number | null; titles: readonly string[] }[] = [
  { level: 'NONE', weight: 2, age: null, titles: ['Nessun titolo di studio'] },
  { level: 'PRIMARY', weight: 3, age: 11, titles: ['Licenza elementare'] },
  { level: 'LOWER_SECONDARY', weight: 25, age: 14, titles: ['Licenza media'] },
  { level: 'UPPER_SECONDARY', weight: 45, age: 19, titles: ['Diploma di istituto tecnico', 'Diploma di istituto professionale', 'Diploma di liceo scientifico', 'Diploma di liceo linguistico', 'Qualifica professionale IeFP'] },
  { level: 'POST_SECONDARY', weight: 5, age: 20, titles: ['Certificato IFTS', 'Diploma professionale IeFP di quarto anno'] },
  { level: 'SHORT_TERTIARY', weight: 2, age: 21, titles: ['Diploma ITS Academy'] },
  { level: 'BACHELOR', weight: 10, age: 22, titles: ['Laurea triennale in Economia', 'Laurea triennale in Scienze dell\'educazione', 'Laurea triennale in Ingegneria'] },
  { level: 'MASTER', weight: 7, age: 25, titles: ['Laurea magistrale in Giurisprudenza', 'Laurea magistrale in Ingegneria civile', 'Laurea magistrale in Lettere'] },
  { level: 'DOCTORATE', weight: 1, age: 29, titles: ['Dottorato di ricerca'] },
];

/** Training courses by source; construction courses come from the Cassa Edile school. */
export const TRAINING_COURSES: readonly { title: string; provider: string; hours: number; source: 'SELF_DECLARED' | 'JOB_CENTRE' | 'REGION' | 'CASSA_EDILE'; construction: boolean }[] = [
  { title: 'Sicurezza sul lavoro - formazione generale', provider: 'Ente di formazione accreditato', hours: 4, source: 'REGION', construction: false },
  { title: 'Sicurezza sul lavoro - rischio medio', provider: 'Ente di formazione accreditato', hours: 8, source: 'REGION', construction: false },
  { title: 'HACCP addetti alimentari', provider: 'Ente di formazione accreditato', hours: 12, source: 'REGION', construction: false },
  { title: 'Conduzione carrelli elevatori', provider: 'Ente di formazione accreditato', hours: 12, source: 'REGION', construction: false },
  { title: 'Competenze digitali di base', provider: 'Centro per l\'Impiego', hours: 20, source: 'JOB_CENTRE', construction: false },
  { title: 'Orientamento e ricerca attiva del lavoro', provider: 'Centro per l\'Impiego', hours: 6, source: 'JOB_CENTRE', construction: false },
  { title: 'Lingua italiana per stranieri A2', provider: 'CPIA', hours: 80, source: 'JOB_CENTRE', construction: false },
  { title: 'Corso di inglese commerciale', provider: 'Scuola privata', hours: 30, source: 'SELF_DECLARED', construction: false },
  { title: 'Operatore socio-sanitario (OSS)', provider: 'Ente di formazione accreditato', hours: 1000, source: 'REGION', construction: false },
  { title: '16 ore prima - ingresso in cantiere', provider: 'ESEM-CPT', hours: 16, source: 'CASSA_EDILE', construction: true },
  { title: 'Montaggio e smontaggio ponteggi', provider: 'ESEM-CPT', hours: 28, source: 'CASSA_EDILE', construction: true },
  { title: 'Addetto conduzione gru a torre', provider: 'ESEM-CPT', hours: 14, source: 'CASSA_EDILE', construction: true },
];

/** Written motivations of referrals, by reason (no personal data: they describe the need). */
export const REFERRAL_MOTIVATIONS: Readonly<Record<string, readonly string[]>> = {
  SOCIAL_NEEDS: [
    'Durante il colloquio al CPI sono emerse difficoltà abitative ed economiche che richiedono la presa in carico dei servizi sociali.',
    'La persona presenta bisogni di conciliazione e di cura familiare che vanno oltre i servizi per il lavoro.',
    'Necessità di sostegno sociale rilevata nel colloquio di orientamento: si chiede la valutazione del servizio sociale professionale.',
    'Percorso GOL 4 lavoro e inclusione: attivazione della rete dei servizi territoriali per bisogni complessi.',
  ],
  WORK_ACTIVATION: [
    'Componente del nucleo valutato attivabile al lavoro nell\'analisi preliminare: si invia al CPI per il patto di servizio.',
    'Persona disponibile a un percorso di inserimento lavorativo dopo la rivalutazione del servizio sociale.',
    'Richiesta di orientamento al lavoro e di iscrizione ai servizi per l\'impiego.',
  ],
  CONSTRUCTION_SECTOR: [
    'Lavoratore edile: verifica delle ore accantonate e dei requisiti per l\'APE presso la Cassa Edile.',
    'Segnalazione di possibili irregolarità contributive nel cantiere: si chiede la verifica della posizione in Cassa Edile.',
    'Richiesta di accesso ai corsi di formazione per il settore edile.',
  ],
  BENEFIT_APPLICATION: [
    'Assistenza nella presentazione della domanda di NASpI all\'INPS.',
    'Supporto per la domanda di Assegno di inclusione e per l\'ISEE.',
    'Richiesta di assistenza per pratiche previdenziali e per il calcolo della pensione.',
  ],
  ORIENTATION: [
    'Orientamento presso lo sportello di quartiere per la dichiarazione di disponibilità e il patto di servizio.',
    'Prima informazione sui servizi per l\'impiego vicino a casa, su richiesta della persona.',
  ],
};
