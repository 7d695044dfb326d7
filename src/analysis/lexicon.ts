/**
 * Word lists for attribution: verbs that introduce or characterise speech,
 * titles and roles that come before a name, words that mark a capitalised run
 * as an organisation or publication, and first names whose gender is clear.
 * Kept as data so that the rules in attribution.ts read as rules.
 */

const words = (s: string): string[] => s.trim().split(/\s+/);
const set = (s: string): Set<string> => new Set(words(s));

/**
 * Verbs of saying, and verbs that characterise what someone said (`accused … of
 * "scaremongering"`, `called it "a farce"`), as base forms; the inflected forms
 * are made below. Base forms themselves are left out (they are mostly nouns:
 * `a call`, `the claim`) except `say` and `tell`.
 */
const SPEECH_BASES = words(`
  say tell add assert insist explain state declare describe claim argue warn note stress write announce
  admit reply remark comment suggest urge acknowledge concede predict promise reveal recall observe joke
  confirm ask conclude caution report laugh smile think believe reckon agree continue shrug sigh shout
  complain accuse call brand label dub dismiss condemn criticise criticize praise hail welcome vow pledge
  demand deny defend boast enthuse quip muse counter retort respond answer protest plead exclaim groan
  grumble moan fume snap gush concur confide emphasise emphasize estimate forecast feel hope fear expect
  wonder reflect maintain contend allege attack slam blast quote recount tweet blog chant sing cry scream
  whisper mutter rage lament complain describe predict admit explain declare spell point speak describe
  reiterate underline highlight recount testify threaten brag beam grin scoff sneer mock query challenge
  remember wrote disagree
`);

const IRREGULAR: Record<string, string[]> = {
  say: ['said', 'says', 'saying'],
  tell: ['told', 'tells', 'telling'],
  write: ['wrote', 'writes', 'writing', 'written'],
  think: ['thought', 'thinks', 'thinking'],
  feel: ['felt', 'feels', 'feeling'],
  speak: ['spoke', 'speaks', 'speaking', 'spoken'],
  sing: ['sang', 'sings', 'singing'],
  cry: ['cried', 'cries', 'crying'],
  reply: ['replied', 'replies', 'replying'],
  testify: ['testified', 'testifies', 'testifying'],
  query: ['queried', 'queries', 'querying'],
  spell: ['spelled', 'spelt', 'spells'],
  point: ['pointed'],
  dub: ['dubbed', 'dubs', 'dubbing'],
  quip: ['quipped', 'quips', 'quipping'],
  snap: ['snapped', 'snaps', 'snapping'],
  slam: ['slammed', 'slams', 'slamming'],
  shrug: ['shrugged', 'shrugs', 'shrugging'],
  admit: ['admitted', 'admits', 'admitting'],
  brag: ['bragged', 'brags', 'bragging'],
  grin: ['grinned', 'grins', 'grinning'],
  label: ['labelled', 'labeled', 'labels', 'labelling', 'labeling'],
  sigh: ['sighed', 'sighs', 'sighing'],
  blog: ['blogged', 'blogs', 'blogging'],
  concur: ['concurred', 'concurs', 'concurring'],
  agree: ['agreed', 'agrees', 'agreeing'],
  // `Mr Cherkasky forecast profitable growth "with …"`: the past is the bare form (`the forecast` is a noun).
  forecast: ['forecast', 'forecasts', 'forecasting', 'forecasted'],
};

function inflect(base: string): string[] {
  const irregular = IRREGULAR[base];
  if (irregular) return base === 'say' || base === 'tell' ? [base, ...irregular] : irregular;
  // deny → denied, denies, denying
  if (/[^aeiou]y$/.test(base)) return [`${base.slice(0, -1)}ied`, `${base.slice(0, -1)}ies`, `${base}ing`];
  const stem = base.endsWith('e') ? base.slice(0, -1) : base;
  const third = /(?:s|sh|ch|x|z)$/.test(base) ? `${base}es` : `${base}s`;
  return [`${stem}ed`, third, `${stem}ing`];
}

/** Every form of every speech verb, longest first (for a regex alternation). */
export const SPEECH_VERB_FORMS: string[] = [...new Set(SPEECH_BASES.flatMap(inflect))].sort((a, b) => b.length - a.length);

/** Phrasal forms: `hit back`, `went on`, `pointed out`. */
export const SPEECH_PHRASES = ['hit back', 'hits back', 'hitting back', 'went on', 'goes on', 'pointed out', 'points out', 'summed up', 'sums up', 'spelled out', 'spelt out', 'spoke out', 'weighed in', 'chipped in'];

/** Nouns for what someone said: `his claim that she had "lost her way"` belongs to the possessor. */
export const SPEECH_NOUNS = set(`
  claim claims remark remarks comment comments description warning words assertion accusation statement
  verdict suggestion promise pledge call jibe insult quip description view views description boast
`);

/** Words before a name that are part of how it is introduced, not of the name: `Foreign Minister Wang Yi`. */
export const TITLE_WORDS = set(`
  President Vice Prime Minister Secretary Ambassador Chancellor Senator Sen Governor Gov Mr Mrs Ms Miss Mx Dr Sir
  Lord Lady Dame Prof Professor General Gen Judge Justice Chairman Chairwoman Spokesman Spokeswoman Coach Manager
  Prince Princess King Queen Pope Rev Reverend Captain Capt Commissioner Mayor Premier Director Chief Executive
  Leader Representative Rep Foreign Finance Home Defence Defense Interior Trade Health Economy Deputy Attorney
  Ex-Home Ex-President Former Father Sister Brother Bishop Archbishop Cardinal Sheikh Colonel Col Lieutenant Lt
  Sergeant Sgt Officer Inspector Insp Det Detective Supt Superintendent Ch Constable PC Agent Editor Chairperson
  Speaker MP MPs MEP MSP AM Councillor Cllr Shadow Culture Education Transport Environment Work Pensions Energy
  Industry Justice Constitutional Northern Welsh Scottish Irish Culture Media Sport Treasury Cabinet Office Labour
  Conservative Tory Liberal Democrat Democratic Republican Lib Dem Green Plaid Sinn Fein SNP UKIP
  Unionist Nationalist Socialist Communist Party Tories Senior Junior Acting Interim Assistant Associate Managing
  General Vice-President Vice-Chairman Chief Executive Chairman Former Ex Federal State Grand Imam Rabbi Ayatollah
  Marshal Admiral Commander Private Corporal Brigadier Air Chief Staff Dj DJ Mrs. Mr. Dr. Ms. Prof. Rev.
  Judge Magistrate Coroner Recorder QC Baroness Baron Viscount Earl Duke Duchess Countess Count Mme Mlle Herr Frau
  Signor Senor Señor Monsieur Madame Crown City County Council District Regional International European National
  British Chief Minister Archdeacon Canon Elder Pastor Guru Swami Uncle Aunt Auntie Dame Saint St Head
  Principal Headteacher Headmaster Headmistress Ambassador Envoy Consul Chancellor Comptroller Auditor Registrar
  Solicitor Barrister Advocate Commissioner Minister Ministers Campaigner Film-maker Filmmaker Director Producer
`);

/**
 * Role nouns (lowercase) that introduce a person: `spokesman Dmitry Peskov`, `the 74-year-old comedian`.
 * Also the heads of descriptions that can refer back to a named person.
 */
export const ROLE_NOUNS = set(`
  spokesman spokeswoman spokesperson minister secretary president chairman chairwoman chairperson chief executive
  director manager coach winger striker midfielder defender goalkeeper keeper captain champion star leader
  ambassador analyst economist official aide adviser advisor founder brother sister wife husband son daughter
  father mother singer actor actress designer medallist medalist player boss editor professor researcher
  scientist expert lawyer senator governor mayor envoy general officer chancellor premier comedian comic
  entertainer presenter host broadcaster journalist writer author novelist poet director producer film-maker
  filmmaker campaigner activist teenager veteran youngster rookie striker forward centre full-back fly-half
  scrum-half prop lock flanker hooker winger batsman bowler all-rounder wicketkeeper skipper jockey trainer
  driver rider cyclist runner sprinter athlete swimmer boxer fighter golfer gymnast rower sailor skier
  tennis-player footballer cricketer rugby-player international veteran newcomer debutant chef restaurateur
  businessman businesswoman entrepreneur tycoon magnate billionaire millionaire banker trader investor
  executive boss owner proprietor shopkeeper farmer worker nurse doctor surgeon teacher headteacher headmaster
  headmistress student pupil graduate resident villager councillor mp mep msp peer lord baroness candidate
  politician diplomat negotiator prosecutor judge defendant witness victim survivor mother father grandmother
  grandfather widow widower musician guitarist drummer bassist rapper vocalist frontman frontwoman songwriter
  composer conductor pianist violinist artist painter sculptor photographer model dancer choreographer
  playwright screenwriter critic reviewer commentator pundit columnist blogger designer architect engineer
  inventor developer programmer scientist physicist chemist biologist virologist epidemiologist psychologist
  psychiatrist sociologist historian academic lecturer economist strategist consultant adviser analyst
  accountant auditor regulator commissioner inspector detective constable sergeant superintendent officer
  soldier commander general admiral colonel major captain lieutenant pilot astronaut spokesman campaigner
  organiser organizer chairman convenor secretary-general director-general treasurer president-elect
  vice-president vice-chairman deputy chief head principal dean rector chancellor provost warden governor
  mayor premier prime-minister minister mogul star superstar icon legend champion holder titleholder
  favourite favorite winner runner-up finalist semi-finalist challenger opponent rival partner colleague
  team-mate teammate friend fan supporter critic opponent priest vicar bishop archbishop cardinal imam rabbi
  monk nun cleric preacher pastor pope king queen prince princess duke duchess emperor sultan sheikh emir
  dictator leader president-elect frontrunner hopeful contender nominee appointee incumbent predecessor
  successor scot englishman englishwoman welshman welshwoman irishman irishwoman frenchman frenchwoman
  dutchman dutchwoman spaniard dane swede finn briton american australian kenyan ethiopian nigerian russian
  german italian brazilian argentine argentinian chinese japanese indian pakistani canadian zimbabwean
  south african new zealander kiwi aussie yank texan californian londoner mancunian scouser geordie
  referee umpire linesman official fourth-official assistant steward
`);

/** Heads of descriptions that never name one person: `the company said`, `a spokesman said`, `fans said`. */
export const NOT_PERSON_HEADS = set(`
  company firm group report statement government ministry department club union organisation organization
  association agency bank council committee survey study paper newspaper magazine website site programme
  program show broadcaster channel network station board authority commission court police army service
  consortium federation institute university school hospital trust charity party campaign coalition alliance
  administration regime cabinet parliament assembly senate congress office embassy team side squad league
  body industry sector market retailer chain carrier airline operator maker manufacturer producer developer
  publisher label studio giant group spokesman spokeswoman spokesperson spokesmen spokeswomen official officials
  source sources insider insiders aide aides friend friends analysts experts critics fans supporters residents
  organisers organizers researchers scientists campaigners protesters workers staff people others viewers
  listeners readers voters members ministers mps officers police judges jury panel inquiry review letter
  document memo e-mail email note book film album song record study poll figures data statistics paper bbc
  festival event awards ceremony conference summit exhibition museum gallery project scheme plan bill law act
  treaty deal agreement
`);

/**
 * Last words of capitalised runs that name organisations, publications,
 * programmes, events and places, not people.
 */
export const NOT_PERSON_TAIL = set(`
  Sea Street Council Party Union Bank Group Times Journal Post News Ocean River City Road Square Club United
  Agency Ministry Office Department Committee Commission Company Corporation Airlines Airways Air House Hall
  Court Park Centre Center Stadium University College School Institute Association Alliance Federation League
  Cup Championships Championship Olympics Games Awards Prize Festival Organisation Organization Forces Army Navy
  Police Service Services Market Exchange Kingdom States Republic Island Islands Mountains Valley East West North
  South Live Radio Television Channel Inc Ltd Plc PLC Motors Warner Research Capital Consulting Consultancy
  Partners Associates Securities Holdings Investments Insight Insights Analytics Systems Networks Network
  Communications Technologies Technology Software Media Entertainment Studios Studio Records Pictures Productions
  Interactive Electronics Labs Laboratories Foundation Trust Society Consortium Forum Confederation Chamber
  Board Authority Show Programme Program Magazine Review Telegraph Guardian Mirror Mail Express Herald Standard
  Independent Observer Tribune Gazette Week Weekly Daily Today Newsnight Online Website Industries International
  Worldwide Global Europe Democrats Republicans Conservatives Tories Socialists Greens Cymru Fein Bros Brothers
  Energy Oil Gas Petroleum Pharmaceuticals Pharma Insurance Assurance Stores Retail Supermarkets Foods
  Railways Rail Trains Airport Airports Hospital Clinic Prison Cathedral Church Palace Castle Bridge Tower
  Gardens Theatre Theater Cinema Opera Orchestra Ballet Band Choir Academy Reserve Fund Funds Treasury Senate
  Congress Parliament Assembly Cabinet Executive Administration Government Unit Division Squad Team Rovers
  Athletic Albion Wanderers Villa Town County Hotspur Rangers Celtic Wednesday Forest Palace Argyle Orient
  Madrid Milan Barcelona Munich Juventus Chelsea Arsenal Liverpool Everton Leeds Newcastle Tottenham Europe
  Asia Africa America Americas Street Avenue Lane Square Place Way Drive Mall Centre Plaza Ltd Co Corp LLC
  AG SA GmbH NV Index Report Survey Poll Act Bill Treaty Accord Agreement Convention Summit Conference Week
  Day Year Cup Open Trophy Series Tour Rally Grand Prix Marathon Derby Classic Masters Challenge Bowl Final
  Finals Awards Oscars Baftas Grammys Brits Emmys Festival Fest Expo Fair Show Gazette Chronicle Courier
  Press Wire Reuters Bloomberg Review Digest Monthly Quarterly Insider Report Variety Billboard Vogue Tatler
  Economist Spectator Statesman Listener Magazine Online Library Libraries Museum Museums Electric Dynamics
`);

/** Tails that are also common surnames: an organisation only when the run does not start with a first name. */
export const WEAK_TAIL = set(`
  Hall Park Street Court Bridge Tower Castle Church Forest Palace Post Times Mirror Express Standard Day Week
  Masters Derby Cup Open Final Poll Report Survey Bill Act Market Index Rally Tour Series Show Games Field
  Young Black White Green Brown Gardens Garden Chronicle Herald Press Wire Review Digest Marathon Classic
  Trophy Challenge Bowl Villa Town County Forest Rangers Wednesday Orient Argyle Athletic Albion Wanderers
  House Hospital Cathedral Theatre Studio Fund Unit Division Valley Island Mountains Lane Way Drive Place
  Square Avenue Road City River Sea Ocean Live Today Online Motors Air Service
`);

/** First words of capitalised runs that name places, events and institutions, not people. */
export const NOT_PERSON_FIRST = set(`
  West East North South New Los Las San Santa Sao São Hong Sri Saudi Tel Buenos Costa Puerto Sierra Northern
  Southern Eastern Western Central Upper Lower Great Greater United Royal Old Middle Cold Gulf World Premier
  Champions Davis Ryder Six Grand Formula Super Downing Wall Capitol Buckingham Kensington Westminster Whitehall
  Fleet Silicon Hollywood Bollywood Mount Lake Cape Port Fort Saint Isle Royal National International European
  Euro Federal Supreme High Crown Liberal Labour Conservative Tory Democratic Republican Green Scottish Welsh
  Irish British English American Chinese Japanese French German Italian Spanish Russian Indian African Asian
  Arab Israeli Palestinian Iraqi Iranian Afghan Pakistani Australian Canadian Dutch Swiss Swedish Norwegian
  Danish Finnish Polish Czech Greek Turkish Brazilian Mexican Argentine Korean Vietnamese Thai Indonesian
  Nigerian Kenyan Zimbabwean Egyptian Syrian Lebanese Jordanian Saudi Ukrainian Belgian Austrian Portuguese
`);

/** Capitalised runs that look like personal names but are firms, parties or teams. */
export const NOT_PERSON_NAMES = set(`
  Morgan-Stanley Goldman-Sachs Merrill-Lynch Lehman-Brothers Dow-Jones Charles-Schwab Ernst-Young
  Marks-Spencer Plaid-Cymru Sinn-Fein Real-Madrid Aston-Villa Crystal-Palace Warner-Bros Standard-Poor's
  Jupiter-Research Forrester-Research Screen-Digest Enders-Analysis Dresdner-Kleinwort Credit-Suisse
  Deutsche-Bank Lloyds-TSB Norwich-Union Legal-General Abbey-National Bradford-Bingley Alliance-Leicester
  John-Lewis Harvey-Nichols Tommy-Hilfiger Calvin-Klein Ralph-Lauren Louis-Vuitton Christian-Dior Ted-Baker
  Paul-Smith Jimmy-Choo Virgin-Atlantic Virgin-Mobile British-Airways Aer-Lingus Sony-Ericsson Hewlett-Packard
  Mitsubishi-Motors Rolls-Royce Aston-Martin Mercedes-Benz Alfa-Romeo Land-Rover Ford-Motor
`);

/** Capitalised words that start a run but are not names (sentence openers and such). */
export const NOT_NAME = set(`
  The A An In On At But And Or During When While Last This That These Those It He She They We I You His Her Their
  Our My For From With After Before Despite Yet Some Much Many Most Both Each Every No Not So If As By Since Until
  Then There Here What Why How Who Where Meanwhile However Also Today Yesterday Monday Tuesday Wednesday Thursday
  Friday Saturday Sunday January February March April May June July August September October November December
  Mr Mrs Ms Dr Its Such Speaking Writing Asked Asked Earlier Later Now Still Even Only Just Instead Indeed Although
  Though Unlike Like Under Over Among Between Without Within Across Against Following Amid According Once Twice
  Another Other Several Few All Any Nor Perhaps Maybe Meanwhile Elsewhere Overall Nevertheless Nonetheless
  One Two Three Four Five Six Seven Eight Nine Ten First Second Third Fourth Fifth Last Next Half Both Neither
  Either None Nothing Everyone Everybody Someone Somebody Anyone Nobody Having Being Given Including Whether
  To Of Into Onto Upon Through Throughout Towards Toward Beyond Around Behind Above Below Via Because Unless
  Whereas Whilst Besides
`);

/** Titles and roles that tell a person's gender. */
export const MALE_MARKERS = set(`
  mr sir lord king prince father brother duke baron earl count signor senor señor monsieur herr spokesman
  businessman sportsman chairman husband son grandson grandfather boyfriend nephew uncle widower policeman
  congressman headmaster frontman englishman welshman irishman frenchman dutchman fireman salesman
`);
export const FEMALE_MARKERS = set(`
  mrs ms miss lady dame queen princess duchess baroness countess mme mlle madame frau signora senora señora
  spokeswoman businesswoman sportswoman chairwoman wife daughter granddaughter grandmother girlfriend niece aunt
  widow policewoman congresswoman headmistress frontwoman actress waitress heiress hostess englishwoman
  welshwoman irishwoman frenchwoman dutchwoman mother sister
`);

/** Common first names whose gender is clear (English-speaking and frequent in international news). */
export const MALE_NAMES = set(`
  Aaron Adam Adrian Alan Alastair Albert Alec Alex Alexander Alfred Ali Alistair Allan Andrew Andy Angus Anthony
  Antonio Archie Arnold Arthur Barry Ben Benjamin Bernard Bernie Bill Billy Bob Bobby Brendan Brian Bruce Bryan
  Callum Calum Carl Carlos Charles Charlie Chris Christian Christopher Clive Colin Craig Dai Damian Damien Dan
  Daniel Danny Darren Dave David Dean Denis Dennis Derek Des Desmond Dick Dominic Don Donald Doug Douglas Duncan
  Dylan Eddie Edward Edwin Eric Ernest Euan Ewan Frank Frankie Fred Freddie Frederick Gareth Gary Gavin Geoff
  Geoffrey George Gerald Gerard Gerry Gilbert Glenn Gordon Graeme Graham Grant Greg Gregor Gregory Guy Hamish
  Harold Harry Harvey Hector Henry Hugh Hugo Iain Ian Isaac Ivan Jack Jacob Jake James Jamie Jason Jeff Jeffrey
  Jeremy Jerry Jim Jimmy Joe Joel Johan John Johnny Jon Jonathan Jonny Jose Joseph Josh Joshua Juan Julian
  Justin Karl Keith Ken Kenneth Kevin Kieran Kyle Lawrence Len Leo Leon Leonard Les Lewis Liam Lloyd Luis
  Luke Malcolm Marcus Mario Mark Martin Matt Matthew Max Michael Mick Mike Mikhail Miles Mohammed Muhammad Nathan
  Neil Nick Nicholas Nicolas Nigel Noel Norman Oliver Ollie Olly Omar Oscar Owen Pat Patrick Paul Pedro Pete
  Peter Phil Philip Phillip Pierre Ralph Raj Ray Raymond Reg Richard Rick Rob Robbie Robert Rod Roger Ron
  Ronald Ronnie Rory Ross Roy Rupert Russell Ryan Sam Samuel Scott Sean Sebastian Seamus Sergei Shane Shaun Simon
  Stanley Stephen Steve Steven Stewart Stuart Ted Terry Theo Thomas Tim Timothy Toby Todd Tom Tommy Tony Trevor
  Tristan Vernon Victor Vince Vincent Vladimir Walter Warren Wayne Will William Yuri Zac Zach Ahmed Hassan Hussein
  Ivan Dmitry Dmitri Boris Igor Jacques Jean-Pierre Jean-Claude Francois François Gerhard Helmut Jürgen Jurgen
  Hans Klaus Wolfgang Giovanni Giuseppe Marco Paolo Silvio Romano Fernando Javier Pablo Rafael Jorge Luiz Lula
  Kofi Nelson Thabo Robert Xavier Thierry Arsene Arsène Jose Sven-Goran Sven Roman Rio Wayne Ruud Didier Michael
  Junichiro Silvio Gerhard Jacques Ariel Mahmoud Yasser Tariq Pervez Manmohan Atal Nawaz
`);
export const FEMALE_NAMES = set(`
  Abigail Ada Alice Alison Amanda Amy Andrea Angela Ann Anna Anne Annie Anya Barbara Beatrice Becky Belinda Beth
  Bethan Betty Beverley Brenda Bridget Caitlin Carla Carol Caroline Carolyn Catherine Cathy Charlotte Cheryl
  Chloe Christina Christine Claire Clare Colette Condoleezza Dana Daphne Davina Dawn Debbie Deborah Denise Diana
  Diane Donna Doreen Dorothy Edith Eileen Elaine Eleanor Elena Eliza Elizabeth Ella Ellen Emily Emma Erica
  Esther Eve Fiona Frances Gail Gemma Georgina Geraldine Gillian Gloria Grace Gwen Gwyneth Hannah Harriet Hazel
  Heather Helen Helena Hilary Hillary Holly Ingrid Irene Isabel Isobel Jackie Jacqueline Jade Jane Janet Janice
  Jean Jemma Jennifer Jenny Jessica Jill Jo Joan Joanna Joanne Josephine Joy Joyce Judith Judy Julia Julie
  Juliet Karen Kate Katherine Kathleen Kathryn Katie Kay Kelly Kirsty Laura Lauren Leah Lena Lesley
  Linda Lindsay Lisa Liz Lorna Lorraine Louise Lucy Lydia Lynn Lynne Madeleine Madonna Maggie Mandy Margaret
  Maria Marie Marion Martha Mary Maureen Megan Melanie Michelle Miriam Molly Monica Nadia Naomi Natalie Natasha
  Nia Nicola Nicole Nina Norma Olivia Pam Pamela Patricia Paula Pauline Penny Philippa Polly Priya Rachel
  Rebecca Rita Rosa Rose Rosemary Ruth Sally Samantha Sandra Sarah Sharon Sheila Shirley Sian Siân Sonia Sophie
  Stella Stephanie Sue Susan Suzanne Tessa Theresa Tina Tracey Tracy Valerie Vanessa Victoria Virginia Wendy
  Yvonne Zoe Zoë Angelina Britney Kylie Dannii Beyonce Beyoncé Whitney Mariah Celine Shakira Serena Venus
  Martina Justine Amelie Amélie Svetlana Maria Anastasia Olga Tatiana Yulia Natalia Elena Ségolène Segolene
  Angela Hillary Condoleezza Benazir Indira Sonia Kelly Paula Tanni Jessica Denise Sally Lena Margaret
`);
