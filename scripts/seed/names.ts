/**
 * Name material for the synthetic demo data set. People are made by combining common
 * first names and surnames at random: no real person is intended, and any resemblance
 * of a combination (with its fiscal code) to a real person is a coincidence. Company
 * names are combinations of generic words; street names are common Italian street names.
 */

/** Common Italian male first names (some with accents, to exercise the encoder). */
export const ITALIAN_MALE_NAMES: readonly string[] = [
  'Alessandro', 'Andrea', 'Angelo', 'Antonio', 'Alberto', 'Carlo', 'Claudio', 'Cristian', 'Daniele', 'Davide',
  'Emanuele', 'Enrico', 'Fabio', 'Federico', 'Filippo', 'Francesco', 'Franco', 'Gabriele', 'Giacomo', 'Gianluca',
  'Giorgio', 'Giovanni', 'Giuseppe', 'Ivan', 'Lorenzo', 'Luca', 'Luigi', 'Marco', 'Mario', 'Massimo',
  'Matteo', 'Mattia', 'Maurizio', 'Michele', 'Mirko', 'Nicola', 'Niccolò', 'Paolo', 'Pietro', 'Raffaele',
  'Riccardo', 'Roberto', 'Salvatore', 'Samuele', 'Simone', 'Stefano', 'Tommaso', 'Valerio', 'Vincenzo', 'Walter',
];

/** Common Italian female first names. */
export const ITALIAN_FEMALE_NAMES: readonly string[] = [
  'Alessandra', 'Alice', 'Angela', 'Anna', 'Antonella', 'Arianna', 'Aurora', 'Barbara', 'Beatrice', 'Camilla',
  'Carla', 'Chiara', 'Claudia', 'Cristina', 'Daniela', 'Elena', 'Elisa', 'Emma', 'Federica', 'Francesca',
  'Gabriella', 'Giada', 'Giorgia', 'Giulia', 'Ilaria', 'Irene', 'Laura', 'Lucia', 'Maria', 'Marta',
  'Martina', 'Michela', 'Monica', 'Nadia', 'Noemi', 'Paola', 'Patrizia', 'Roberta', 'Rosa', 'Sara',
  'Serena', 'Silvia', 'Simona', 'Sofia', 'Stefania', 'Teresa', 'Valentina', 'Valeria', 'Veronica', 'Viola',
];

/** Common Italian surnames, weighted towards those frequent in Lombardy. */
export const ITALIAN_SURNAMES: readonly string[] = [
  'Rossi', 'Russo', 'Ferrari', 'Esposito', 'Bianchi', 'Romano', 'Colombo', 'Ricci', 'Marino', 'Greco',
  'Bruno', 'Gallo', 'Conti', 'De Luca', 'Mancini', 'Costa', 'Giordano', 'Rizzo', 'Lombardi', 'Moretti',
  'Barbieri', 'Fontana', 'Santoro', 'Mariani', 'Rinaldi', 'Caruso', 'Ferrara', 'Galli', 'Martini', 'Leone',
  'Longo', 'Gentile', 'Martinelli', 'Vitale', 'Lombardo', 'Serra', 'Coppola', 'De Santis', "D'Angelo", 'Marchetti',
  'Parisi', 'Villa', 'Conte', 'Ferraro', 'Ferri', 'Fabbri', 'Bianco', 'Marini', 'Grasso', 'Valentini',
  'Messina', 'Sala', 'De Angelis', 'Gatti', 'Pellegrini', 'Palumbo', 'Sanna', 'Farina', 'Rizzi', 'Monti',
  'Cattaneo', 'Morelli', 'Amato', 'Silvestri', 'Mazza', 'Testa', 'Grassi', 'Pellegrino', 'Carbone', 'Giuliani',
  'Benedetti', 'Barone', 'Caputo', 'Montanari', 'Guerra', 'Palmieri', 'Bernardi', 'Fiore', 'De Rosa', 'Ferretti',
  'Bellini', 'Basile', 'Riva', 'Donati', 'Piras', 'Vitali', 'Battaglia', 'Sartori', 'Neri', 'Milani',
  'Pagano', 'Ruggiero', 'Sorrentino', "D'Amico", 'Orlando', 'Negri', 'Brambilla', 'Pozzi', 'Bassi', 'Crippa',
  'Locatelli', 'Maggi', 'Mauri', 'Fumagalli', 'Ghezzi', 'Bonfanti', 'Perego', 'Longoni', 'Redaelli', 'Galbiati',
  'Sironi', 'Cazzaniga', 'Vergani', 'Zanetti', 'Bergamaschi', 'Beretta', 'Brivio', 'Rota', 'Pirovano', 'Mazzoleni',
  'Nava', 'Ronchi', 'Invernizzi', 'Colombi', 'Frigerio', 'Arrigoni', 'Cereda', 'Panzeri', 'Bonacina', 'Scotti',
];

/**
 * Countries of birth of the foreign-born share, with verified codes:
 * - `belfiore`: the cadastral code of the foreign state (Agenzia delle Entrate / ANPR list);
 * - `citizenship`: the ministerial CO citizenship code (equal to the ISTAT state code;
 *   e.g. India is Z222 / 330, as in the UniSomm sample of domain.md §12.1).
 * Both were checked against the ministerial citizenship table (COD_CITTADINANZA, COD_MF)
 * and against independent Belfiore and ISTAT lists. Weights roughly follow the foreign
 * resident population of Lombardy.
 */
export interface ForeignOrigin {
  readonly country: string;
  readonly belfiore: string;
  readonly citizenship: string;
  /** EU citizens need no residence permit. */
  readonly eu: boolean;
  readonly weight: number;
  readonly maleNames: readonly string[];
  readonly femaleNames: readonly string[];
  readonly surnames: readonly string[];
}

export const FOREIGN_ORIGINS: readonly ForeignOrigin[] = [
  {
    country: 'Romania', belfiore: 'Z129', citizenship: '235', eu: true, weight: 20,
    maleNames: ['Andrei', 'Ionut', 'Mihai', 'Alexandru', 'Florin', 'Cristian', 'Gheorghe'],
    femaleNames: ['Elena', 'Ioana', 'Maria', 'Andreea', 'Mihaela', 'Gabriela'],
    surnames: ['Popescu', 'Ionescu', 'Popa', 'Radu', 'Dumitru', 'Stan', 'Stoica', 'Munteanu'],
  },
  {
    country: 'Morocco', belfiore: 'Z330', citizenship: '436', eu: false, weight: 12,
    maleNames: ['Mohamed', 'Youssef', 'Rachid', 'Hassan', 'Abdelaziz', 'Karim'],
    femaleNames: ['Fatima', 'Khadija', 'Naima', 'Samira', 'Amina', 'Latifa'],
    surnames: ['El Amrani', 'Benali', 'Bouzid', 'El Idrissi', 'Alaoui', 'Haddad', 'Zahiri'],
  },
  {
    country: 'Albania', belfiore: 'Z100', citizenship: '201', eu: false, weight: 11,
    maleNames: ['Arben', 'Ermal', 'Gentian', 'Besnik', 'Altin', 'Klodian'],
    femaleNames: ['Elona', 'Anila', 'Blerta', 'Ermira', 'Valbona', 'Jonida'],
    surnames: ['Hoxha', 'Shehu', 'Kola', 'Gjoka', 'Leka', 'Marku', 'Dervishi'],
  },
  {
    country: 'Egypt', belfiore: 'Z336', citizenship: '419', eu: false, weight: 9,
    maleNames: ['Ahmed', 'Mahmoud', 'Mostafa', 'Tarek', 'Amr', 'Sherif'],
    femaleNames: ['Mona', 'Heba', 'Noha', 'Yasmin', 'Dina', 'Rania'],
    surnames: ['Abdelrahman', 'Hassan', 'Mahmoud', 'Ibrahim', 'Mostafa', 'Ali', 'Salem'],
  },
  {
    country: 'China', belfiore: 'Z210', citizenship: '314', eu: false, weight: 8,
    maleNames: ['Wei', 'Jun', 'Hao', 'Lei', 'Jian', 'Ming'],
    femaleNames: ['Li', 'Mei', 'Xiaoling', 'Fang', 'Yan', 'Jing'],
    surnames: ['Hu', 'Zhou', 'Chen', 'Wang', 'Zhang', 'Lin', 'Huang'],
  },
  {
    country: 'Ukraine', belfiore: 'Z138', citizenship: '243', eu: false, weight: 7,
    maleNames: ['Oleksandr', 'Andriy', 'Dmytro', 'Serhiy', 'Vasyl'],
    femaleNames: ['Olena', 'Natalia', 'Iryna', 'Oksana', 'Tetiana', 'Halyna'],
    surnames: ['Kovalenko', 'Shevchenko', 'Bondarenko', 'Melnyk', 'Tkachenko', 'Kravchenko'],
  },
  {
    country: 'Philippines', belfiore: 'Z216', citizenship: '323', eu: false, weight: 6,
    maleNames: ['Jose', 'Mark', 'John Paul', 'Romeo', 'Rodel'],
    femaleNames: ['Maria Cristina', 'Jocelyn', 'Rowena', 'Marilou', 'Jennifer'],
    surnames: ['Santos', 'Reyes', 'Cruz', 'Bautista', 'Garcia', 'Mendoza', 'Dela Cruz'],
  },
  {
    country: 'India', belfiore: 'Z222', citizenship: '330', eu: false, weight: 6,
    maleNames: ['Harpreet', 'Gurpreet', 'Rajesh', 'Amit', 'Sandeep', 'Sukhwinder'],
    femaleNames: ['Priya', 'Manpreet', 'Sunita', 'Simran', 'Kiran'],
    surnames: ['Singh', 'Kaur', 'Kumar', 'Sharma', 'Patel'],
  },
  {
    country: 'Pakistan', belfiore: 'Z236', citizenship: '344', eu: false, weight: 5,
    maleNames: ['Imran', 'Asif', 'Bilal', 'Usman', 'Tariq'],
    femaleNames: ['Ayesha', 'Sana', 'Nadia', 'Saima'],
    surnames: ['Khan', 'Ahmed', 'Hussain', 'Iqbal', 'Butt', 'Malik'],
  },
  {
    country: 'Peru', belfiore: 'Z611', citizenship: '615', eu: false, weight: 5,
    maleNames: ['Luis', 'Carlos', 'Jorge', 'Juan Carlos', 'Miguel'],
    femaleNames: ['Rosa', 'Carmen', 'Milagros', 'Lucia', 'Gladys'],
    surnames: ['Quispe', 'Flores', 'Rojas', 'Huaman', 'Torres', 'Vargas'],
  },
  {
    country: 'Ecuador', belfiore: 'Z605', citizenship: '609', eu: false, weight: 4,
    maleNames: ['Jorge', 'Edison', 'Wilson', 'Fausto', 'Patricio'],
    femaleNames: ['Jessica', 'Maritza', 'Diana', 'Mercedes'],
    surnames: ['Zambrano', 'Vera', 'Cedeño', 'Moreira', 'Intriago'],
  },
  {
    country: 'Senegal', belfiore: 'Z343', citizenship: '450', eu: false, weight: 4,
    maleNames: ['Mamadou', 'Moussa', 'Ibrahima', 'Cheikh', 'Modou'],
    femaleNames: ['Fatou', 'Aminata', 'Awa', 'Mariama'],
    surnames: ['Diop', 'Ndiaye', 'Fall', 'Sow', 'Diallo', 'Gueye'],
  },
  {
    country: 'Bangladesh', belfiore: 'Z249', citizenship: '305', eu: false, weight: 3,
    maleNames: ['Mohammad', 'Rahim', 'Karim', 'Hasan', 'Jahid'],
    femaleNames: ['Nasrin', 'Shirin', 'Rina', 'Taslima'],
    surnames: ['Rahman', 'Hossain', 'Islam', 'Uddin', 'Miah'],
  },
];

/** Birthplaces in other Italian regions (internal migration): Belfiore codes of Roma and Napoli. */
export const OTHER_ITALIAN_BIRTHPLACES: readonly string[] = ['H501', 'F839'];

/** Generic words for company names, by sector key. */
export const COMPANY_WORDS: Readonly<Record<string, readonly string[]>> = {
  construction: ['Edil', 'Costruzioni', 'Edilizia', 'Impianti', 'Ristrutturazioni', 'Cantieri', 'Scavi', 'Coperture', 'Termoidraulica', 'Elettroimpianti'],
  manufacturing: ['Meccanica', 'Officine', 'Plast', 'Metalli', 'Minuterie', 'Stampi', 'Tessitura', 'Carpenteria', 'Forni', 'Torneria'],
  trade: ['Market', 'Commerciale', 'Forniture', 'Distribuzione', 'Ingrosso', 'Ricambi', 'Boutique', 'Alimentari'],
  hospitality: ['Ristorante', 'Trattoria', 'Hotel', 'Albergo', 'Bar', 'Pizzeria', 'Osteria', 'Caffè'],
  support: ['Servizi', 'Pulizie', 'Multiservizi', 'Vigilanza', 'Facility', 'Global Service'],
  agency: ['Lavoro', 'Risorse Umane', 'Staff', 'Work Agency'],
  care: ['Cooperativa Sociale', 'Residenza', 'Assistenza', 'Casa di Cura', 'Centro Servizi'],
  logistics: ['Trasporti', 'Logistica', 'Spedizioni', 'Autotrasporti', 'Corrieri'],
  professional: ['Studio Tecnico', 'Studio Associato', 'Consulenze', 'Engineering'],
  it: ['Informatica', 'Software', 'Digital', 'Sistemi', 'Data'],
  personal: ['Acconciature', 'Estetica', 'Parrucchieri', 'Benessere'],
  agriculture: ['Azienda Agricola', 'Vivai', 'Cascina', 'Agricola'],
  education: ['Formazione', 'Scuola Professionale', 'Centro Studi'],
};

/** Place-like words for company names (rivers, areas of Lombardy). */
export const PLACE_WORDS: readonly string[] = [
  'Lombarda', 'Padana', 'Brianza', 'Lario', 'Adda', 'Ticino', 'Olona', 'Orobica', 'Insubria', 'Naviglio',
  'Lambro', 'Serio', 'Oglio', 'Mincio', 'Valtellina', 'Franciacorta', 'Lomellina', 'Martesana', 'Seprio', 'Po',
];

/** Legal forms with relative frequency. */
export const LEGAL_FORMS: readonly (readonly [string, number])[] = [
  ['S.r.l.', 55], ['S.r.l.s.', 8], ['S.p.A.', 7], ['S.n.c.', 12], ['S.a.s.', 10], ['Soc. Coop.', 8],
];

/** Common street names, for synthetic addresses. */
export const STREET_NAMES: readonly string[] = [
  'Via Roma', 'Via Garibaldi', 'Via Mazzini', 'Via Dante', 'Via Verdi', 'Via Manzoni', 'Via Cavour', 'Via Matteotti',
  'Via Marconi', 'Via Volta', 'Via XX Settembre', 'Via IV Novembre', 'Via Leonardo da Vinci', 'Via Kennedy', 'Via Gramsci',
  'Via dei Mille', 'Via Milano', 'Via Industria', 'Via dell\'Artigianato', 'Via Galilei', 'Viale Lombardia', 'Via Colombo',
  'Via Carducci', 'Via Pascoli', 'Via De Gasperi', 'Via Montegrappa', 'Via Piave', 'Via Trento', 'Via Trieste', 'Via San Francesco',
];
