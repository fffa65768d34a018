import type { KbLanguage } from './article';
import { SENTENCE_END, sentences } from './text-analysis';

/** What a free-text message is, decided before any search. */
export interface Understanding {
  /** situation: describes what someone sees or hears (now, tonight); question: asks about routines or facts. */
  readonly kind: 'situation' | 'question' | 'command' | 'outOfScope';
  /** Someone may be in danger now (held, locked in, violence, threats, weapons, cries for help) or a child is with an adult now. */
  readonly danger: boolean;
  /** A person under 18 may be with an adult or buyer now (content-review D1). */
  readonly possibleChild: boolean;
  /** The only danger signs are sounds, tears or a knife (a scream, crying): they may also be a game, a nightmare or a kitchen. */
  readonly alarmOnly: boolean;
  /** The writer describes what they see or hear (now, tonight), rather than asking in general. */
  readonly observed: boolean;
  /** The possible child is with a parent or their family, by the message's own words, and there is no other sign of danger. */
  readonly childWithFamily: boolean;
  /** Asks whether to step in: go up to, talk to, question or confront someone. */
  readonly stepIn: boolean;
  /** Asks for something the knowledge base never holds (statistics, addresses, bookings, salaries, a named person's phone). */
  readonly nearMiss: boolean;
  /** How strongly the words place the message in the domain: 3 per strong word, 1 per everyday word (at most 3). */
  readonly domain: number;
  /** Talks about an everyday topic far from the domain (IT, weather, food, sport, chores). */
  readonly offTopic: boolean;
}

/** An age from 10 to 17 (13 to 17 in words: "around eleven" is a time of day), not a number of minutes, hours, rooms, men or times ("each staying about 15 minutes"). */
// Not an age: what follows is a time, an amount or a thing counted ("typ femton handdukar", "about fifteen short-let flats").
// ä and å as escapes: the list's folded variants (å/ä/ö written as a/o) must still exclude "12 män".
const AGE = '(1[0-7](?![0-9]| ?(min|tim|hour|hrs|h |rum|room|m\\u00e4n|man|men|g\\u00e5ng|gang|time|dag|day|natt|night|kr|sek|euro|dollar|%|:|[ap]\\.?m\\b|o.?clock|-?tiden|handduk|towel|flat|apartment|l\\u00e4genhet|phone|telefon|mobil|condom|kondom|guest|g\\u00e4st|visitor|besök|car|bil|key|nyck|cabin|stug|bed|s\\u00e4ng|booking|bokning|short-let|korttid|room|rum|n\\u00e4tter|nights|kund|client|customer|pitch|plats))|(tretton|fjorton|femton|sexton|sjutton|thirteen|fourteen|fifteen|sixteen|seventeen)(?! ?(min|tim|hour|m\\u00e4n|men|g\\u00e5ng|times|dag|day|natt|night|kr|euro|handduk|towel|flat|apartment|l\\u00e4genhet|phone|telefon|mobil|condom|kondom|guest|g\\u00e4st|visitor|besök|car|bil|key|nyck|cabin|stug|bed|s\\u00e4ng|booking|bokning|short-let|korttid|room|rum|n\\u00e4tter|nights|kund|client|customer|pitch|plats)))';

/** After "help me": a task for the bot ("help me understand the reflection period", "hjälp mig med Excel"), not a cry for help. */
const HELP_WITH_A_TASK = '(?! (with|med) | (to |att )?(understand|write|find|choose|pick|fill|make|figure|draft|translate|explain|add|set|fix|format|först|skriva|hitta|välja|fylla|göra|formulera|översätta|förklara|lägga|fixa|ta reda))';

/**
 * Word lists: each entry is a word start (matched as a prefix at a word boundary, so "hot" covers
 * "hotar", "hotade") or a short phrase; a trailing space means the whole word; ".{0,n}" allows a few words between. Both languages are
 * always checked: non-native writers mix them. Keep entries short: words, never whole questions.
 */
const LISTS = {
  danger: [
    // held, locked in, not allowed to leave
    'får inte gå', 'får inte lämna', 'får inte gå ut', 'inte får gå', 'inte får lämna', 'inte fårgå', 'släpps inte', 'inlåst', 'låst in', 'låses in',
    'låser in', 'låst inne', 'hålls fast', 'hålls kvar', 'hålls inlåst', 'kan inte gå därifrån', 'kan inte lämna', 'vågar inte gå',
    'not allow(ed)? (to )?(leave|go|get out)', '(is|are|being) hold (in|inside|there)', 'lock(ed)? from (the )?outside', 'låst (utifrån|från utsidan)', '(being|is|are) kept (in|inside|locked|there)', 'hålls (i|på) (rum|rummet|stugan|lägenheten)', 'can\'t leave', 'cant leave', 'cannot leave', 'can not leave',
    'been (held|kept) (there|here|for|captive|prisoner|against)', '(har|hade) hållits (där|kvar|fast|inlåst|i)', 'won\'t let (her|him|them|me) (leave|go|out)', 'wont let (her|him|them|me) (leave|go|out)', 'held against', 'held captive', 'being held', 'held in',
    'locked in', 'locked up', 'lock(s|ed)? (her|him|them|the girl|the woman|girl|woman|a girl|a woman) ',  'trapped', 'kept prisoner', 'not let out',
    '(is|are|was|were|being|get|got) lock(ed)? (in|inside|up)', 'lock in (the |an |a |his |their )?(apartment|flat|room|house|car|cabin|basement)',
    'forc(e|es|ed|ing) (her|him|them|a|an|the|this|that) (\\p{L}+ ){0,2}(into|in|to go)', 'tvinga(r|de|t)? (in |ut )?(henne|honom|dem|en \\p{L}+|kvinnan|tjejen) (i|in|till|att följa)',
    // non-native and casual forms of "not allowed to leave"
    '(not|don\'t|dont|doesn\'t|didn\'t|never) let (her|him|them|me) (go|leave|out)', '(won\'t|wont|will not|doesn\'t|doesnt) let (a|the|this|that) \\p{L}+ (go|leave|out)', 'no let (her|him|them) (go|leave)', 'not letting (her|him|them|me) (go|leave)',
    // asks for help, screaming
    '(inte|int|ej) låter (henne|honom|dem|dom|mig|oss) (gå|lämna|åka)', 'låter (henne|honom|dem|dom|mig|oss) inte (gå|lämna|åka)', 'släpper inte ut (henne|honom|dem|dom|mig|oss)', 'låst (dörren|dörrarna|bilen)', 'locked the (door|doors|car)',
    `hjälp mig${HELP_WITH_A_TASK}`, '(ber|bad) (mig|oss) (att )?ringa (polis|112)', '(asks?|asked|begs?|begged) (me|us) to call (the )?(police|112)', '(blir|blev) tvingad', 'being forced (to|into)', 'ropa(r|de)? på hjälp', 'skrek på hjälp', 'gråt.{0,20}(hjälp|rädd)',
    `(?<!(can|could|would|will|pls|please|plz) (you|u|someone|somebody|anyone) )help me${HELP_WITH_A_TASK}`, `help us${HELP_WITH_A_TASK}`, '(cry|cries|crying|cried|call|calls|calling|called) for help', 'shouting for help',
    'help help', 'hjälp hjälp', '(lapp|servett|papper|kvitto|note|napkin|paper|receipt|tissue)\\p{L}* (\\p{L}+ ){0,4}(det stod|it said|that said|saying|said|with) (\\p{L}+ ){0,1}(polis|police|hjälp|help|sos|112)(?![\\p{L}])', '(wrote|written|writes|scribbled|scratched|carved|skrivit|skrev|klottrat|ristat|rispat) (\\p{L}+ ){0,2}(help|hjälp|sos)', '(asked|asks|begged|begs) (us|me) to help', '(bad|ber) (oss|mig) (att )?hjälpa', '(say|says|saying|said) help', '(säger|sa|sade) hjälp', 'yelling for help', '(she|he|the woman|the girl) (wants?|needs?|begs?|begged|beg) (for )?help', '(hon|han|kvinnan|tjejen) (vill ha|behöver|bönar om|tigger om) hjälp',
    'prisoner', '(är|som) fånge', 'fången', 'fångenskap',
    // shut in, cannot get out, signals and notes asking for help
    'let me out', 'släpp ut mig', '(can\'t|cant|cannot|can not) get out', '(kommer|kom) inte ut', 'kan inte komma ut', '(?<!(card|key|lock|app) )(won\'t|wont|will not) open', 'shut (her|him|them|a|some|the) (\\p{L}+ )?(in|out)', 'stängt? in (henne|honom|dem|en)', 'utelåst',
    '(pounding|banging|hammering) on', 'bankar (på|inifrån)', 'bankar och ropar', 'has(n\'t|nt| not) been out', 'inte varit ute', 'tar (med sig )?nyckeln', 'takes the key',
    'sos', 'not free', 'inte fri', 'sells me', 'säljer mig', 'signal(l?ed|s|ing)? for help', 'hand signal', 'handsignal', 'can\'t talk', 'cant talk', 'kan inte prata', 'send someone', 'skicka någon', 'skicka hjälp',
    'beg(s|ging)? (him |them )?(to stop|not to)', 'ber (honom|dem) sluta', 'bönar', 'being hit', '(blir|blev) slagen', 'slås ',
    '(sprungit|sprang|flytt|flydde|rymt) från', '(ran|run|running) (away )?from (a|the|his|her)', 'fled from', 'escaped from',
    '(have|has|got|keeps?) (her|his|their) (paper|papers|documents|id|ids)', 'tog mitt pass', 'took my passport',
    // choking
    'chok', 'stryp', 'can\'t breathe', 'cant breathe', 'kan inte andas', 'rosslar',
    // violence, threats, weapons
    'slår', 'slog', 'slå (henne|honom|mig|dem|dom)', 'slagen', 'slagits', 'göm(mer|ma|de)? sig (för|från|bakom|i|på)', '(hiding|hides|hid|hide) (from|behind)', '(hide|hiding|hid) (her|him|me|us|them) (from|away)', '(göm|gömma|gömde|gömmer) (henne|honom|mig|oss|dem|dom) (för|från|undan)', 'misshandl', 'våld', 'hotar', 'hotade', 'hotat', 'hotad', 'hotfull', 'dödshot',
    'pistol', 'vapen', 'skjut', 'beväpn', 'våldtä', 'järnrör', 'tillhygge', 'kofot', 'machete', 'baseball bat', 'iron bar', 'crowbar',
    'hitting', 'hiting', 'hittin', 'hit her', 'hit him', 'beat', 'beaten', 'violen', 'assault', 'attack', 'threat', 'kill ', 'killed', 'killing', 'kills ', 'gun ', 'guns ', 'weapon', 'armed', 'shoot',
    'rape', 'strangl', 'dragg', 'drags? (her|him)', 'pull(s|ed)? (her|him) (by|into|back)', 'by (her|his) hair', 'shoved', 'pushed (her|him)', 'grabbed (her|him)',
    'drog (henne|honom|in|tillbaka)', 'släpade', 'i håret', 'knuffa', 'tog tag i (henne|honom)', 'slet (in|tag)',
    // injuries and restraint that someone sees
    'blåmärk', 'blåslag', 'spräckt läpp', 'blodig', 'fastbunden', 'bunden', 'tejpad', 'bruise', 'split lip', 'bloody', 'black eye', 'tied (up|to|on)', 'tied ', 'taped',
    'swollen', 'svullen', 'svullna', 'mouthed', 'formade (ordet|orden)', 'silently (said|asked)', 'mimade',
    // fear now: crying, terrified, does not dare go back
    'livrädd', 'terrified',
    'vill inte (gå )?tillbaka', 'vågar inte (gå )?tillbaka', 'rädd för att gå tillbaka',
    '(no|not|don\'t|dont|doesn\'t|won\'t) (want to )?go back', 'afraid to go back', 'scared to go back',
    // passport or phone taken
    'tagit (hennes|hans|deras|mitt) pass', 'ta(r|git)? hennes pass', 'tog hennes pass', 'har hennes pass', 'har hans pass', 'ta hennes pass', 'tar passet', 'tagit passet',
    'took (her|his|their|my) (phone and )?passport', 'taken (her|his|their) passport', 'has (her|his|their) passport', 'keeps (her|his|their) passport',
    'passport (was |is )?(taken|gone|took)', 'took her phone', 'grabbed her phone', 'took (her|his) phone and',
    '(take|takes|taking|taken|took) (away )?(her|his|their) (phone|mobile|passport|papers|documents)', '(keep|keeps|kept|holds|holding) (all )?(her|his|their) (passport|papers|documents|id)',
    '(har|håller|behåller) (alla )?(hennes|hans|deras) (pass|papper|dokument|id-handlingar)', '(tog|tagit|tar) (hennes|hans|deras) (telefon|mobil|papper|id)',
  ],
  /** Sounds, tears, a knife or an axe: danger signs that may also be a pillow fight, a nightmare, a cake knife or firewood. */
  alarm: [
    'ber om hjälp', 'bad om hjälp', 'skrik', 'skrek', 'asks? for help', 'asked for help', 'asking for help', 'scream', 'screem', 'smäller i', 'bråk', 'blöd', 'kniv', 'hurt', 'knife', 'yxa', 'axe ', 'bleed', 'gråter', 'grät', 'gråtande', 'panik', 'crying', 'in tears', 'panic',
  ],
  child: [
    'unge ', 'ungen', 'ungar', `mer än ${AGE}`, `more than ${AGE}`, '1[0-7] ?- ?1[0-7]( |år|years)', '(she|he|hon|han) (is|är|e|says she is|says he is) 1[0-7]( |$)',
    'under 18', 'under arton', 'under 1[0-7]', '1[0-7] ?[-–] ?1[0-7]', '1[0-7] (maybe|kanske|typ|max|or so|ish)', '1[0-7]ish', 'minderårig', 'barn', 'ungt barn', 'tonåring', 'skolelev', 'högstadie', 'gymnasie', 'pojke', 'flicka', 'ser ung ut', 'ser väldigt ung',
    `ser ut att vara (max |typ |kanske |runt |ca )?${AGE}`, 'verkar (väldigt |mycket |jätte)?ung', 'väldigt ung', 'jätteung', 'för ung', `kanske ${AGE}`, `typ ${AGE}`,
    `runt ${AGE}`, `ca ${AGE}`, `(dotter|son|flicka|tjej|kille|pojke|syster|bror|brorsa|syrra) på ${AGE}`, `(daughter|son|sister|brother|girl|boy) (of|aged) ${AGE}`, '1[0-7] år', '1[0-7]-åring', '1[0-7]åring',
    'under eighteen', 'underage', 'under age', 'minor ', 'minors ', 'child', 'kid ', 'kids ', 'teen', 'schoolgirl', 'schoolboy', 'school uniform', 'school age', 'skolålder', 'skolåldern', 'boy ', 'boys ', 'young girl',
    'looks? (very |so |really )?young', 'looked (very |so |really )?young', 'look very young', 'very young', 'too young', `maybe ${AGE}`, `around ${AGE}`, `about ${AGE}`,
    `max ${AGE}`, '1[0-7] max', '1[0-7] (or|eller|to|till) 1[0-7]', `(can't|cant|cannot|can not|isn't|isnt|not) (be )?(more|older) than ${AGE}`, `(kan inte vara|är inte|inte) (mer|äldre) än ${AGE}`, `looks (like |about |around |maybe )?${AGE}`, '1[0-7] years', '1[0-7] year( |$)', '1[0-7] year old', '1[0-7] ?yo ', '1[0-7] ?y/o', '1[0-7] ?(yr|yrs) old', `age ${AGE}`,
  ],
  /** Observation now or tonight: the writer describes a scene, not a rule. */
  situation: [
    'just nu', 'nu (?!n.r )', 'i natt', 'inatt', 'i kväll', 'ikväll', 'i dag ', 'idag ', 'nyss ', 'precis ', 'sedan midnatt', 'sen midnatt', 'hela kvällen', 'hela natten',
    'jag ser', 'jag hör', 'jag hittade', 'jag såg', 'jag städa', 'det står (en|ett|två|tre|några|nån|någon|folk|män|killar|tjejer)', 'det sitter', 'det kommer', 'det har kommit', 'har kommit', 'kom ner', 'kom in', 'sitter kvar',
    'står och', 'står en', 'bor en', 'varje kväll', 'varje dag', 'checkar in', 'checkade in', 'har fått', 'fick precis', 'ringde', 'ringer från', 'skickade',
    'now ', 'right now', 'tonight', 'last night', 'today', 'this morning', 'this evening', 'just now', 'currently', 'at the moment', 'since midnight', 'all night',
    'i see', 'i hear', 'i found', 'i saw', 'i find', 'i am clean', 'i\'m on', 'i\'m with', 'there is a', 'there are', 'there\'s a', 'is sitting', 'is standing', 'are going',
    'checked in', 'checking in', 'came down', 'came in', 'went up', 'just went', 'just left', 'gick upp', 'gick precis', 'har gått upp', 'turned up', 'showed up', 'keeps coming', 'every night', 'every evening', 'over the weekend', 'got a call',
    'just sent', 'sent in', 'called (me|reception|the desk)', 'call reception', 'calls reception', 'whispered', 'whisper', 'viskade', 'worked out', 'have noticed', 'noticed',
    'complain', 'klagar', 'patrol', 'home visit', 'duty phone', 'caller says', 'det är en', 'hela tiden', 'all the time', 'keeps ', 'every weekend',
    'varje helg', 'there\'s this', 'have a guest', 'har en gäst', 'vi har en', 'we have a', 'i knocked', 'i\'m standing', 'i am standing', 'jag knackade', 'jag står',
    // still going on, or just told
    'still (in|inside|there|with|here|up)', 'fortfarande (där|kvar|inne|på)', 'är kvar', 'är fortfarande', 'just (texted|called|told|rang|messaged)', 'texted me', 'messaged me',
    'har precis', 'sms:?ade', 'messade',
    // a moment ago
    '(\\d+|a few|few|two|three|five|ten|några|ett par|två|tre|fem|tio) (minutes?|mins?|minuter|min) (ago|sedan|sen)', 'an hour ago', 'half an hour ago', 'för en (timme|halvtimme) sedan',
    'gick (just|nyss|precis) (upp|in)', '(är|sitter) inne (hos|på|i)', 'inne hos', 'with (a )?(man|buyer|him|an older man|an adult) (in|at|behind)', 'i baksätet', 'in the back seat', 'står vid', 'standing (at|by) (the )?door', 'just (took|brought|went|came)', '(they\'re|theyre|they are|she is|she\'s) (up )?(in )?there now', '(they\'re|theyre|they are) in there', 'went inside', 'gick in (i|på|till)',
    // moving now, told in the present ("going up with an old man", "går upp med")
    '(going|goes|heading) up with', '(going|goes) (into|in to) (room |rum )?[0-9]+', '(going|goes) into (his|the|a|their) (room|car|cabin|caravan|flat|apartment)',
    'går upp med', 'går (in|upp) (på|till|i) (rum|rummet|hans rum) ?[0-9]*', 'följer med (honom|mannen|gubben|killen|en man|en äldre man|två män)', 'på väg upp (med|till)', 'on (the|their|his|her) way up (with|to)',
    'walked (past|in|by|through|up)', 'went upstairs', 'jsut', 'rn ', '(she is|she\'s|shes|he is|he\'s|hes) in (his|her|their|the) room', 'gick upp på rummet', 'took the (lift|elevator|stairs)', 'tog hissen', 'gick förbi',
  ],
  /** Words that put a message in the knowledge base's domain on their own. */
  strong: [
    'sex', 'prostitu', 'trafficking', 'traffick', 'människohand', 'manniskohand', 'koppler', 'koppel', 'procur', 'pimp', 'hallick', 'brothel', 'bordell', 'horhus',
    'exploit', 'utnytt', 'exploat', 'exploatering', 'människoexploatering', 'tvinga', 'forced', 'offer för', 'victim', 'polis', 'police', 'cops', 'snut', 'aina ', '114 14', '112', 'socialtjänst', 'socialtjanst',
    'soc ', 'socialjour', 'social services', 'social worker', 'socialsekreterare', 'orosanmäl', 'orosanmal', 'anmäla oro', 'anmäler oro', 'concern report', 'betänketid',
    'reflection period', 'uppehållstillstånd', 'residence permit', 'permit', 'samordnar', 'koordinator', 'coordinator', 'nspm', 'nmt', 'jämställdhetsmyndighet',
    'gender equality agency', 'en säker hand', 'stad för stad', 'stad-för-stad', 'city by city', 'frälsningsarmé', 'salvation army', 'stödtelefon', 'stodtelefon', 'support phone',
    'stödlinje', 'helpline', 'hotline', 'kvinnofrid', 'bris ', 'mika', 'sekretess', 'secrecy', 'confidential', 'tystnadsplikt', 'anmälarskydd', 'personuppgift',
    'personal data', 'gdpr', 'data controller', 'controller', 'anonym', 'målsägande', 'injured party', 'skyddsbedömning', 'skyddsboende', 'skyddat boende',
    'protected housing', 'acute protection', 'akut skydd', 'kondom', 'condom', 'stör ej', 'do not disturb', 'dont disturb', 'don\'t disturb', 'sugar', 'escort',
    'massage', 'tips', 'tipsa', 'tip off', 'tip-off', 'polisanmäl', 'police report', 'report a suspicion', 'misstan', 'suspici', 'suspect', 'signs', 'sign of', 'a sign( |$)', 'tecken',
    'indikator', 'indicator', 'rutin', 'routine', 'checklist', 'boten', 'the bot', 'bot ', 'rapporten', 'ärende', 'p1 ', 'p2 ', 'p3 ', 'prioriter', 'triage',
    'manual', 'nrm', 'skuld', 'debt', 'passport', 'pass ', 'legitimation', 'id card', 'sälja sex', 'selling sex', 'sell sex', 'köpa sex', 'buying sex', 'sexköp',
    // patterns of sex trade that partners describe without naming it
    'visa(r)? upp (tjejer|kvinnor|brudar)', 'show(s|ing)? (off )?(girls|women)', 'olika brudar', 'different (girl|woman|guy)',
    'many (men|visitors|guys|different)', 'different (men|women|girls|guys)', 'olika (män|kvinnor|tjejer|killar|snubbar|gubbar|karlar|rum)', 'frågat? efter (tjejen|en tjej|kvinnan|henne)', 'frågar efter (tjejen|en tjej|kvinnan|henne)', 'ask(s|ed|ing)? for (the|a) (girl|woman|lady)', 'många (män|besökare|killar|olika)',
    'books? rooms? for', 'booking rooms? for', 'bokar rum (till|åt|för)', 'one after another', 'en efter en', 'en i taget', 'one at a time', 'coming and going',
    'kommer och går', 'driv(es|ing)? (girls|women)', 'kör (tjejer|kvinnor)', 'sparas', 'gallra', 'radera (rapport|anteckning)', 'retention',
    '(keep|delete|store) (the )?(notes|reports|data)',
    'metodstöd', 'method support', 'the note', 'my note', 'a note', 'anteckning', 'my report', 'min rapport', 'jämm', 'länsstyrels', 'migrationsverk',
    'buyer', 'köpare', 'torsk', 'konfronter', 'confront', 'frågar? (tjejen|henne|honom|gästen|kvinnan|mannen)', 'prata med (tjejen|henne|honom|gästen|kvinnan|mannen)',
    'ask (her|him|the guest|the girl|the woman|the man)', 'talk to (her|him|the guest|the girl|the woman|the man)', 'straff', 'penalty', 'prison', 'fängelse', 'lag ', 'the law', 'olagligt', 'illegal', 'åtal', 'prosecut',
    'tillslag', 'razzia', 'raid', 'tvångsarbete', 'forced labour', 'forced labor', 'arbetskraftsexploatering', 'labour exploitation', 'labor exploitation', 'kordinator', 'koordinatorn',
    '(är|e|ett|kanske) offer', 'offret', 'offren', 'spårsäkr', 'säkra(r|s)? spår', 'forensic', '(secure|collect|preserve) (the )?evidence',
    // the local group's own work
    'mönstergenomg', 'pattern review', 'handlingsplan', 'action plan', 'samverkansgrupp', 'lokala gruppen', 'local group',
  ],
  /** Suspicion, evidence and training words: in the domain together with one everyday word (a room, a guest). */
  suspicion: [
    'misstänk', 'misstank', 'konstig', 'skum', 'suspekt', 'mystisk', 'weird', 'strange', 'odd ', 'sketchy', 'shady', 'fishy', 'dodgy', 'sus ', 'sussy', 'paranoid',
    'dnd ', 'styr(a|s)? (henne|honom|sin|sina|allt)', 'kontrollerar (henne|honom|allt)', 'controll?(ing|s) (her|him|everything)',
    '(loads|lots|bunch) of (diff |different )?(guys|men|visitors|girls)', 'diff (guys|men|girls|women)',
    // legal risk for the one who lets the room
    'in trouble', 'on the hook', 'liable', 'liability', 'få problem', 'råka illa ut', 'ansvarig', 'straffas',
    'bevis', 'evidence', 'ta kort', 'ta bild', 'fotografera', 'photo', 'picture', 'utbild', 'training', 'train (the|our|my|staff|night|people|employees|new)', 'educat', 'flag ', 'flagga',
    // labour exploitation: long hours, little or no pay, sleeping at work
    '1[0-9] timmar (om|per|varje) dag', '1[0-9] hours (a|per|every) day', 'little money', 'no money', 'ingen lön', 'nästan ingen lön', 'ingen betalning', 'no pay', 'unpaid',
    'sov(er)? på (jobbet|lagret|restaurangen)', 'sleeps? (in|at) (the )?(storage|kitchen|restaurant|work|job)',
  ],
  /** Everyday words that count towards the domain only together (a room, a guest, a night). */
  weak: [
    'rum', 'room', 'rm ', 'gäst', 'guest', 'reception', 'lobby', 'hotell', 'hotel', 'motel', 'camping', 'campsite', 'stuga', 'cabin', 'husvagn', 'caravan', 'van ', 'skåpbil',
    'airbnb', 'hyr', 'rent', 'lägenhet', 'flat', 'apartment', 'städ', 'clean', 'housekeep', 'handduk', 'towel', 'lakan', 'sheet', 'män ', 'men ', 'karl', 'gubbe', 'snubbe',
    'tjej', 'brud', 'girl', 'kvinna', 'kvinnor', 'woman', 'women', 'natt', 'night', 'tonight', 'ikväll', 'inatt', 'kväll', 'evening', 'natten', 'trafik', 'traffic', 'kommer och går', 'coming and going',
    'kontant', 'cash', 'bagage', 'luggage', 'rapport', 'report', 'anmäl', 'ringa', 'call', 'nummer', 'number', 'hjälp', 'help', 'rädd', 'afraid', 'scared', 'fara', 'danger',
    'akut', 'urgent', 'emergency', 'vakt', 'watching', 'kontroll', 'controll', 'mobil', 'phone', 'telefon', 'laddare', 'charger', 'klient', 'client', 'visit',
    'besök', 'personal', 'staff', 'kommun', 'municipal', 'myndighet', 'authority',
  ],
  /** Requests the knowledge base never answers, whatever words it shares with them. */
  nearMiss: [
    // statistics
    'hur många (rum|personer|fall|ärenden|offer|sexköpare|kvinnor|män|barn|rapporter|anmälningar|lägenheter|hotell|dömd|åtal|polisanmäl)',
    'how many (rooms|people|persons|cases|victims|buyers|women|men|children|reports|flats|apartments|hotels|convict|prosecut|trafficking|airbnb)',
    'how many (beds|places|spots|rooms are)', 'hur många (platser|sängar|bäddar)', '(lediga|free|available|vacant) (platser|sängar|bäddar|beds|places|spots)', 'hur stor andel', 'vilken andel', 'hur stor del', 'what share', 'what percentage', 'how big a share', 'procent', 'percent', 'statisti', 'antal (fall|offer|ärenden|anmälningar)',
    'number of (cases|victims|reports|convictions)', '(hur många|how many) (års|years).{0,20}(fängelse|prison|jail)', 'vilket straff (kommer|får) (han|hon|de|dom)', 'what sentence will', 'dömdes', 'were convicted', 'went to court', 'ledde till åtal', 'i fjol',
    // an opinion on one case, or a prediction about it
    'in your opinion', 'your (personal )?opinion', 'vad tycker du', 'enligt dig', 'din (personliga )?åsikt', '(case|ärende) (number |nummer |nr )?\\d{2,}',
    'tror du', '(do|d) (you|u) think (she|he|they|the woman|the man|the girl) .{0,50}(will|would|is going to|gets?) (?!(find out|know|notice|learn|see|realis|realiz))', 'years from now', 'in (five|ten|twenty|a few) years', '(kommer|blir|ser) .{0,40}om (fem|tio|tjugo|några) år', 'what are the chances', 'blev (han|hon|mannen|kvinnan|killen) (\\p{L}+ ){0,6}dömd', '(was|were) (he|she|the man|the guy|they) (\\p{L}+ ){0,6}(convicted|sentenced)', 'will (my client|she|he|they|the woman|the girl) win', 'win (her|his|their|the) case', 'vinna (målet|fallet|rättegången)', 'kommer (hon|han|de|dom) (att )?vinna', 'hur stor (är )?chansen', 'will (he|she|they) (get|be sentenced|be convicted|go to prison)', 'kommer (han|hon|de|dom) att (dömas|få|fällas)',
    'kommer (jag|vi) (själv |själva )?(att )?(bli )?(åtalas|dömas|stämmas|åtalad|dömd|stämd|anmäld)', '(will|could|can) (i|we) (myself |ourselves )?(be|get) (charged|prosecuted|sued|convicted)(?!.{0,60}(prostitution|procuring|koppleri|pimping|brothel))', '(can|could|will) (he|she|they|the guest|the buyer) sue (me|us)', '(can|could|should) (i|we) sue', 'kan (jag|vi) stämma', 'sue (him|her|them|the guest) for', '(is|was) (he|she|the buyer) likely to get', '(how many )?day.?fines',
    // the routines give one penalty only (buying a sexual act from a child), none for procuring or trafficking
    '(fängelse|straff|prison|jail|penalty|sentence|punishment)\\p{L}* (\\p{L}+ ){0,4}(för|for|av|of) (\\p{L}+ ){0,3}(koppleri|procuring|pimping|människohandel|trafficking)', '(hur många år|how many years) .{0,40}(koppleri|procuring|pimping|människohandel|trafficking)',
    '(hur många|how many) .{0,40}(anmäldes|polisanmäldes|dömdes|identifierades|upptäcktes|were reported|were convicted|were identified|were found)',
    // money: salary, funding, budget, price, tax
    '(vad|hur mycket) .{0,30}(lön|tjänar)', 'lönen (för|som|är)', 'löner (för|på|i)', '(what|how much) .{0,30}(salary|salaries|earn)', 'salary (of|for|is)', 'övertid', 'overtime', '(get|gets|getting|be|am i) paid (extra|more|for|anything|something|any money)', 'får (vi|jag|hotellet|man|ni) (\\p{L}+ )?betalt', '(mer|högre|extra) i lön', 'högre lön', 'löneförhöjning', 'lönelyft', '(higher|more|better) (salary|pay|wages)', 'pay rise', '(pay|salary) raise', 'extra pay', '(extra|mer|mera) betalt', 'få betalt för', 'ob-tillägg', 'kompledig', 'time off in lieu',
    '(hur många|how many|antal|number of).{0,80}(19|20)[0-9][0-9]',
    // documents the knowledge base does not hold
    'template', 'mall ', 'mallar',
    // a task in the hotel's own system
    '(in|i) (our|vårt|vårat) (booking )?(system|bokningssystem)', '(check|search|look in|look through|kolla i|söka i|gå igenom) (our|the|vårt|vårat) (booking |guest )?(system|bokningssystem|register|gästregister)',
    '(which|what) guests .{0,60}(been reported|were reported|been flagged)', 'vilka gäster .{0,60}(anmälts|rapporterats|flaggats)', '(cancel|avboka|ändra) (booking|bokning|bokningen) (nr |nummer |number )?\\d+',
    // a company's own customer service
    '(airbnb|booking\\.com|expedia|hotels\\.com|vrbo)\\S* .{0,30}(number|nummer|support|kundtjänst|phone|telefon)', 'kundtjänst', 'customer (service|support)', 'trust and safety', 'download', 'ladda ner', 'script ', 'manus ', 'how much (does|do|is|are) .{0,50}(paid|pay|earn|cost)', 'bidrag', 'grants?(?![\\p{L}])(?! (the|a|an|her|him|them|it|residence|permits?|reflection|asylum|protection|access|permission)(?![\\p{L}]))', 'funding', 'finansier', 'budget', 'söka pengar',
    'statsbidrag', 'ansök(a|er)? (\\p{L}+ )?om (pengar|medel|bidrag)', 'söka (medel|bidrag)', 'apply for money', 'how much can we apply', 'how much money', 'hur mycket pengar', 'hur mycket (kostar|pengar|får vi söka)', 'vad kostar', '(vad|hur mycket) (ska|bör|får) .{0,40}kosta', 'what does .{0,60}cost', 'how much should .{0,40}cost', 'ersätt.{0,30}(förlorade|uteblivna|bokningar|intäkter)', 'lost (bookings|revenue|income)', 'what is the price', '(how much|what) should (i|we) charge', 'vad ska (jag|vi) ta (betalt|för)', 'hur mycket ska (jag|vi) ta', 'what are others (asking|charging)',
    // an amount in kronor: the routines name who pays, never how much
    'kronor', '\\d+ ?(kr|sek) ', 'how much is a', 'skatt ', 'skatten', 'tax ', 'taxes', 'moms',
    // addresses, opening hours
    // asked for, not mentioned ("the guest has an address here in town")
    '(vilken|vad är|vad har|var är|har (du|ni)|ge mig|behöver) .{0,25}(?<!mejl|mail|e-post|epost)adress', 'adress(en)? (till|för|på|hos)', 'för adress', '(what|which|give me|need|do you have|where can i find) .{0,25}(?<!mail ?)address', '(?<!mail ?)address (of|for|to|at)', 'besöksadress', 'gatuadress', 'hemadress', 'postadress', 'visiting address', 'var ligger', 'where is the .{0,20}office', 'vägbeskrivning', 'directions to',
    // printed material to order
    'beställa (affischer|material|broschyrer|foldrar|dekaler|trycksaker)', 'order (the |more |printed )*(posters|flyers|leaflets|brochures|stickers|material)',
    // bookings, meetings
    '(kan|kunde) (du|ni) boka', 'hur bokar', 'vill boka', 'boka (ett|en|in|möte|rum|tid)', 'bokning av', 'can (you|i|we) book', 'book (me|us) ', '(you|u|bot) book a',
    // a free place tonight, or the police's plans: the routines hold neither
    'free beds?', 'spare beds?', 'available beds?', 'lediga (platser|sängar)', 'ledig (säng|plats i kväll|plats ikväll)', 'next (police )?(operation|raid|action|intervention)', 'nästa (tillslag|insats|razzia|aktion)', 'when (are|will|do) the police (plan|planning|going to do)',
    'how do i book', 'make a booking', 'reserve a', 'set up a (teams )?meeting', 'schedule a', 'kalla till (ett )?möte', '(boka|ordna|sätta upp) (ett )?möte', 'teams-möte',
    // a named person or their direct line
    'vad heter (polisen|hon|han|hen|\\p{L}*(handläggare|koordinator|samordnare|chef|kontaktperson)\\p{L}*)', 'what is the name of (the|our|my) \\p{L}*(coordinator|officer|social worker|manager|contact)', 'who is the (\\p{L}+ )?(coordinator|officer|contact person) (in|for|at)',
    // a look-up of one person or one case: the bot holds no registers and no case files
    'har (polisen|de|dom) (gripit|tagit fast|anhållit|häktat|åtalat)', '(has|have) (the )?police (arrested|caught|charged)', 'har (migrationsverket|polisen|åklagaren|socialtjänsten|soc|de|dom) (redan )?(beviljat|godkänt|avslagit|beslutat om)', '(has|have) (the )?(migration agency|migrationsverket|police|prosecutor|social services|they) (already )?(granted|approved|refused|rejected|decided on)', 'efterlyst', 'belastningsregist', 'straffregist', 'brottsregist', 'is (he|she|this guy|this man) wanted', 'wanted by (the )?police', 'criminal record', 'background check', 'look (him|her) up', 'check (him|her) (up|out)', 'kolla upp (honom|henne|gästen|mannen|killen)',
    'kan (du|ni) kolla (upp|vad som hände|hur det gick|ärendet|om (han|hon))', 'can you (check|look up|find out) (what happened|how .{0,20} went|the case|whether (he|she)|if (he|she))', 'vad har (hon|han) för nummer', 'direktnummer', 'direct (mobile|number|line)', 'personal (mobile|number|phone)', 'privat(a)? (nummer|mobil|telefon)',
    // a task for the bot itself
    '(can|could) (you|u) (cancel|book|change|reserve) (the|a|my|our|this|room)', 'kan du (avboka|boka om|ändra bokningen)',
    '(skriv|formulera) (ett|en) (mejl|mail|brev|sms)', '(write|draft) (me )?(an? )?(e-?mail|letter|text) (to|for)', '(kan|kunde) du (skriva|mejla|maila|ringa|skicka|översätta)', '(can|could) (you|u) (write|e-?mail|call|send|text|translate) ',
    // a verdict on one named person or room
    '(är|e) (kvinnan|tjejen|mannen|killen|gästen|hon|han) (i|på) (rum|rummet|stuga) .{0,60}(eller inte|eller\\?)', '(is|was) (the )?(woman|girl|man|guy|guest) in (room|cabin) .{0,60}or not', 'mobile (number )?for',
    'mobilnummer till', 'kontaktperson.{0,40}(nummer|mobil|telefon|mejl|e-?post)', 'contact person.{0,40}(number|phone|mobile|e-?mail)', 'inspector', 'kommissarie', 'inspektör', 'name of the (officer|police|social worker|coordinator)',
    // dates of meetings, fees, which named places, jobs
    'vilket datum', 'vilken dag (har|är|blir)', 'när är nästa .{0,20}(träff|möte|utbildning)', 'nästa (möte|träff)', 'next (meeting|session)', 'what date', 'when is the next .{0,20}(meeting|training|session)', '(meeting|möte|möten|mötes) ?(dates?|datum)', 'arvode', 'fee ', 'fees ',
    'vilka (hotell|campingar|företag|lägenheter).{0,20} (har|som)', '(vilka|which) (andra |other )?(hotell|campingar|vandrarhem|företag|kommuner|organisationer|uthyrningssajter|sajter|bokningssajter|plattformar|hotels|campsites|hostels|companies|municipalities|organi[sz]ations|rental sites|booking sites|sites|platforms)(?!\\p{L}).{0,40}(är med|deltar|ingår|är anslutna|har anslutit|har gått med|samarbetar|are (in|part of|members|signed up)|take part|participate|have joined|work with|cooperate|co-operate|collaborate)',
    // one person's identity number, or how long an authority takes now: registers and queues the routines do not hold
    '(ta fram|leta (upp|fram)|ge mig|skicka|hämta|kolla upp|vad har (han|hon|gästen|mannen|kvinnan|hyresgästen)( för)?) .{0,30}personnumm', 'personnumret (på|till|för|åt) ', '(get|find|give me|send|look up|check) .{0,30}(personal (identity )?number|id number|social security number)', 'handläggningstid', 'processing time', 'which (hotels|campsites|companies|flats|apartments).{0,20} (have|had|are|were)',
    'lediga (tjänster|jobb)', 'söka jobb', 'job opening', 'vacanc', 'hiring', 'apply for (a|the) job', 'work as a',
  ],
  /** A demand for a verdict on one case, wherever in the message it stands ("Is she a victim? Yes or no."). */
  verdict: ['yes or no', 'ja eller nej'],
  /** Opening hours: a near miss for an office or a clinic, but the routines give the hours of the national phone lines. */
  openingHours: ['öppettid', 'öppet (på|i)', 'tider .{0,60}öppet', 'what hours .{0,60}open', 'opening hours', '(what time|when) does .{0,50} open', 'när öppnar', 'vilken tid öppnar', 'open(ing)? times'],
  /** Children with their own parent, as the writer sees them ("the kids call him dad", "a mother with her two daughters"), or a school class or team with its teachers; a man who only says he is her father is in `claimed`. */
  family: [
    'school (trip|class|group|camp)', 'class trip', 'skolresa', 'skolklass', 'klassresa', 'lägerskola', '(with|med) (their |sina |två |two |three |tre )?(teachers?|lärare|lärarna|coach|coaches|tränare|tränarna)( |$)',
    '(kids|boys|girls|children|child|son|daughter|barnen|barnet|pojkarna|flickorna|tjejerna|killarna|sonen|dottern) (\\p{L}+ ){0,2}(call|calls|called|kallar|säger|sa) (him|her|honom|henne|till honom|till henne)? ?(dad|mum|mom|mother|father|pappa|mamma)( |$)',
    '(with|med) (his|her|their|sin|sina|hans|hennes|deras) (own |egna |two |three |två |tre )?(son|sons|daughter|daughters|kids|children|child|barn|dotter|döttrar|söner)( |$)',
    '(father|mother|dad|mum|mom|pappa|mamma|parents|föräldrar|föräldrarna) (and|och|with|med) (his|her|their|sin|sina|hans|hennes|deras)? ?(\\p{L}+ )?(kids|children|son|sons|daughter|daughters|barn|dotter|döttrar|söner)( |$)',
    'a family with', 'en familj med', 'family of (three|four|five|[0-9])', 'familj på (tre|fyra|fem|[0-9])',
  ],
  claimed: ['säger (att )?(han|hon|de|dom) är', 's[aä]de? att (han|hon|de|dom) (är|var)', 'påstå', 'says? (he|she|they) (is|are)', 'said (he|she|they) (is|was|are|were)', 'told .{0,30}(he|she|they) (is|was|are|were)', 'claim', 'supposed(ly)?', 'so-called', 'kallar sig', 'calls? (himself|herself)'],
  /** The young person has turned 18: an adult, whatever the word for her ("flickan har fyllt 18"). */
  turnedAdult: ['fyllt 18', 'fyllde 18', 'fyllt arton', 'turned 18', 'turned eighteen', 'blivit myndig', 'är myndig', 'is of age'],
  /** Asks for an e-mail address: the routines give one only, where the reflection period's form is sent. */
  email: ['mejladress', 'mailadress', 'e-?postadress', 'e-?mail ?address', 'vilken (mejl|e-?post|mail)'],
  reflectionPeriodForm: ['betänketid', 'reflection period', 'blankett', 'the form ', 'migrationsverk', '195011'],
  /** Asking whether to step in oneself: go up to someone, talk to or question him or her, confront them (searching their things is housekeeping's). */
  stepIn: [
    '(ska|kan|får|bör|borde|måste) (jag|vi|man|personalen) (\\p{L}+ ){0,3}(prata|snacka|säga till|fråga|konfrontera|knacka på hos) (med |till )?(honom|henne|dem|dom|killen|mannen|gubben|snubben|tjejen|kvinnan|gästen|hallicken|torsken)( |$)',
    '(ska|kan|får|bör|borde|måste) (jag|vi|man|personalen) (\\p{L}+ ){0,2}(gå fram|ingripa|konfrontera|gå emellan)',
    '(should|can|may|could|must|do) (i|we|my staff|staff|the staff|u) (\\p{L}+ ){0,3}(talk|speak|say something|go up|walk over|approach|confront|knock|ask) (to |with |on )?(him|her|them|the (man|guy|guest|girl|woman|pimp|buyer))( |$)',
    '(should|can|may|could|must|do) (i|we|my staff|staff|the staff|u) (\\p{L}+ ){0,2}(intervene|step in|confront)',
    '(i|we) (should|can|could|must) (go )?(talk|speak|ask|confront|approach) (to |with )?(him|her|them|the (man|guy|guest|girl|woman))( |$)',
  ],
  /** The national phone lines, whose hours the routines give. */
  phoneLine: ['stödtelefon', 'stodtelefon', 'support ?phone', 'helpline', 'hotline', 'stödlinje', 'jourtelefon', 'phone line', 'telefonlinje', '114 14',
    // the helplines the routines list, with their hours
    'kvinnofridslinj', 'brottsofferjour', 'victim support', 'bris ', '116 ?0', '116 ?1', 'nspm', '112'],
  /** Everyday topics far from the domain (IT, weather, food, sport, chores): out of scope unless more than two strong domain words say otherwise. */
  offTopic: [
    'byta (arbets)?pass', 'swap (a |my )?shifts?', 'byta skift',
    'vpn', 'lösenord', 'password', 'laptop', 'dator', 'skrivare', 'printer', 'wifi', 'wi-fi', 'inloggning', 'log in', 'login', 'bug ', 'buggen', 'excel', 'outlook',
    'teams-kanal', 'teams channel', 'uppdatera appen', 'update the app',
    'väder', 'vädret', 'weather', 'snöstorm', 'snow', 'regn', 'rain ', 'storm', 'sunrise', 'soluppgång', 'temperatur',
    'recept ', 'receptet', 'recepten', 'recipe', 'lasagne', 'bullar', 'kanelbull', 'middag', 'dinner', '(?<!(vid|efter|före|innan|till|at|after|before|by|around|runt|över) )lunch(?!tid|time)', 'frukostbuffé', 'breakfast buffet', 'vegan',
    'allsvenskan', 'champions league', 'fotboll', 'football', 'match ', 'ski lift', 'skidlift', 'liftarna',
    'convert', 'växla', 'exchange rate', 'valuta', 'currency', 'dikt', 'poem', 'linkedin', 'översätt', 'translate',
    'fläck', '\\p{L}+fläck', 'stain', 'carpet', 'matta', 'diskmaskin', 'dishwasher', 'läcker', 'leak', 'serveringstillstånd', 'alcohol licen', 'check-in time', 'incheckningstid',
    'bike', 'bicycle', 'cykel', 'cykeln', 'wallet', 'plånbok', 'stole my', 'stulit min', 'stal min', 'kortterminal', 'card (terminal|reader|machine)', 'hängt sig', 'starta(r)? om', 'restart', 'reboot', 'parkeringsavgift', 'parking fee', 'flyg ', 'flight', 'tågtid', 'train times', 'spa ',
    // a passport to renew or an embassy, prices and discounts, invoices, parking, meeting rooms and coffee
    'ambassad', 'embassy', 'konsulat', 'consulate', 'nya? pass', 'new passport', 'förnya (mitt |ett |sitt )?pass', 'renew (my |a |his |her )?passport', 'passansökan', 'passport application', 'hämta(r)? ut (mitt|ett|sitt|det)', 'move (it|the car|their car|the van)', 'flytta (bilen|på bilen)',
    'lost (his|her|my) passport', 'tappat (sitt|mitt|hennes|hans) pass', 'bor .{0,30}gratis', 'stays? (for )?free', 'free of charge', 'rabatt', 'discount', 'faktur', 'invoice', 'var (får|kan) (man|jag|vi) parkera', 'where (can|do|should) (i|we) park', 'parking (ticket|fine|space|spot|permit)', 'p-bot', 'parkeringsbot', 'p-plats',
    'dog ', 'dogs ', 'pet ', 'pets ', 'hund ', 'hunden', 'hundar', 'husdjur', 'police academy', 'polisutbildning', 'polishögskola', 'entrance (test|exam)', 'antagningsprov',
    'restaurang', 'restaurant', 'julbord', 'christmas (party|dinner)', 'museum', 'museet', 'feber', 'fever', 'vabba', 'hur många handdukar', 'how many towels',
    'försäkringskassan', 'vab ', 'föräldraledig', 'parental leave', 'receipt', 'kvitto', 'streetlight', 'street light', 'gatlykta', 'gatubelysning', 'vat rate', 'vat ',
    'team meeting', 'teammöte', 'personalmöte', 'staff meeting', 'konferensrum', 'conference room', 'fika ', 'fikat', 'stay awake', 'staying awake', 'hålla mig vaken', 'hålla sig vaken', 'hålla oss vakna',
    // gifts and parties, barbecues and campfires
    'present till', 'presenttips', 'julklapp', 'gift for', 'gift idea', 'går i pension', 'pensionsfest', 'retirement', 'grilla', 'grillning', 'grillen', 'eldning', 'eldningsförbud', 'lägereld', 'barbecue', 'bbq', 'campfire', 'fire ban',
    // the municipality's roads, rubbish and snow, the hotel's own figures
    'pothole', 'potthål', 'gropar i vägen', 'snöröjning', 'snow clearing', 'sophämtning', 'garbage collection', 'rubbish collection', 'occupancy', 'beläggning',
  ],
  /** Hypothetical phrasing: asks what to do if something happens, rather than reporting it. */
  hypothetical: ['what if', '(?<!(know|sure|wonder|wondering|unsure|certain|tell) )if (a|an|the|someone|somebody|i|we)', '(?<!(vet|undrar|osäker på|säker på|ringer|ringde|ringt|ringa|berättar|berättade|berättat|pratar|pratade|frågar|frågade|tips|tipset|tipsar|tipsade|orolig|oro|samtal|larm|larmar|larmade|rapport|anmälan|ärende|info|uppgifter) )om (en|någon|man|jag|vi|det|personen|gästen)', 'ifall', 'vad gör (man|jag) om', 'what do i do if', 'what should .{0,10}if'],
  /** The event is over or nobody is at risk now. */
  notNow: [
    'ingen akut fara', 'ingen fara', 'inte i fara', 'ingen verkar vara i fara', 'ingen är i fara', 'har checkat ut', 'checkat ut',
    'nobody in danger', 'no one in danger', 'nobody is in danger', 'no one is in danger', 'not in danger', 'no danger', 'nothing ongoing', 'checked out',
    'drove off', 'they left', 'is gone', 'it\'s gone', 'are gone', 'har åkt', 'är borta',
    // no adult with the child now
    'no (buyer|buyers|adult|adults|man|men|one|customer) (is |are )?(there|with (her|him|them)|present|around)', 'ingen (köpare|vuxen|man|kund) (är )?(där|med (henne|honom|dem)|på plats|kvar)',
  ],
  /** Asks what to do after the event, whatever is still felt now ("the staff are still shaken"). */
  afterwards: ['i efterhand', 'in hindsight', 'after the fact'],
  /** An earlier time: the event is over, unless the message also says something is happening now. */
  earlier: [
    'i går', 'igår', 'i förrgår', 'förra helgen', 'förra veckan', 'förra månaden', 'yesterday', 'day before yesterday', 'last weekend', 'last week', 'last month',
    'i helgen', 'i (måndags|tisdags|onsdags|torsdags|fredags|lördags|söndags)', 'last (monday|tuesday|wednesday|thursday|friday|saturday|sunday)', 'at the weekend',
    // weeks, months or years ago (minutes and hours ago are a scene still going on)
    '(a|one|two|three|four|five|six|a few|few|several|some|many|[0-9]+) (weeks?|months?|years?) ago', 'för (en|ett|två|tre|fyra|fem|sex|några|ett par|flera|många|[0-9]+) (vecka|veckor|månad|månader|år) (sedan|sen)',
  ],
  /**
   * A year gone by ("under 2024", "last year"): a count of earlier cases, not a child with an adult now.
   * It never cancels a danger word ("same man as last year" is still hitting her), and not after an age.
   */
  earlierYear: [
    '(under|during) (19|20)[0-9][0-9](?![0-9]| ?(kr|sek|kronor|euro|eur))', '(?<!(fyllde|blev|var|turned|was|was only) (\\p{L}+|[0-9]+) (år |years old )?)(förra året|i fjol|ifjol|last year)',
  ],
  command: ['^(hjälp|help|meny|menu|rapport|rapportera|report|avbryt|cancel|start|börja|status|mina ärenden|my cases)[.!]*$'],
} as const;

type ListName = keyof typeof LISTS;

/** An age from 10 to 17 written as a number ("15", "15-åring", "15 years"). */
const UNDER_18_AGE = /(^| )1[0-7](?=[ -]|år|åring|yo| ?years)/u;
/** "What do we do now" asks about the asker's next step, "nu när" / "now that" is a conjunction, and "still shaken" is how the staff feel: none puts what happened in the present. */
const NOT_THE_PRESENT = /(^| )((gör|do) (jag|vi|man|i|we) (nu|now)|(göra|do) (nu|now)|nu n[äa]r|now that|(fortfarande|still) (\p{L}+ )?(skakad|skakade|skakig|shaken|upset|ledsen|rädd|scared|afraid))(?= )/gu;
/** Happening at this moment, as opposed to still felt ("the staff are still shaken"). */
const AT_THIS_MOMENT = /(^| )(just nu|right now|nu|now|at the moment|currently)( |$)/u;
/** Words that put what is described in the present, whatever else the message says about earlier. */
const NOW = /(^| )(just nu|right now|nu|now|i natt|inatt|i kväll|ikväll|tonight|gick precis|har precis gått|just (went|came|walked)|är där nu|är kvar|fortfarande|still|are in (the |his |her )?room|(is|are) there now)( |$)/u;

/**
 * Asks for a person's contact details: a contact word next to a capitalised name ("the number of
 * Erik", "vilket nummer har Anna Lindqvist", "Eriks mobil"). Names of services the articles give
 * ("Bris", "Mika") are known words, so they stay questions.
 */
const CONTACT_WORD = '(?:telefonnummer|mobilnummer|nummer|numret|mobil|mobilen|telefon|mejl|e-?post|e-?mail|mail|number|phone|mobile|contact details|kontaktuppgifter|kontaktperson(?:en)?|contact person)';
const NAME = '([A-ZÅÄÖ][a-zåäöéü]{2,})';
const ASKS_FOR_PERSON = [
  new RegExp(`${CONTACT_WORD}\\s+(?:of|to|for|at|till|för|har|åt|från|på|hos|vid)\\s+${NAME}`, 'gu'),
  new RegExp(`${NAME}(?:'s|s)\\s+(?:\\p{L}+\\s+)?${CONTACT_WORD}`, 'gu'),
];

/** A first name and a surname, not at the start of a sentence ("Vad har Lena Berg på enheten för mobilnummer?"). */
const FULL_NAME = /(?<![.!?]\s*|^\s*)(?<![\p{L}])([A-ZÅÄÖ][a-zåäöéü]{2,}) ([A-ZÅÄÖ][a-zåäöéü]{1,})(?![\p{L}])/gu;
const NAMES_SOMEONE = /(?<![\p{L}])((hon|han) heter|(her|his) name is|(she|he) is called)(?![\p{L}])/iu;
const HAS_CONTACT_WORD = new RegExp(`(?<![\\p{L}])${CONTACT_WORD}(?![\\p{L}])`, 'iu');

/**
 * Asks for a named place's own office or person: its number, name or e-mail ("vilket nummer har socialjouren i
 * Luleå", "the name of the regional coordinator for region Nord", "which prosecutor handles cases in Västerbotten").
 * The routines give national lines and the local route as a placeholder, never another place's contacts.
 */
const LOCAL_OFFICE_IN_PLACE = /(socialjour|socialtjänst|social services|koordinator|samordnar|coordinator|mottagning|clinic|prosecutor|åklagar|kontor|office|handläggar|case ?worker|kommunen|municipality)\p{L}*(?:\s+\S+){0,5}?\s+(?:i|in|för|for|at|på)\s+(?:the\s+)?(?:region(?:en)?\s+)?(\p{L}{3,})/giu;
/** Capitalised words after "in" that are no place with its own office, or a place whose contact the routines give (region Syd). */
const NOT_A_PLACE = /^(Sverige|Sweden|Stad|Teams|Samverka|English|Engelska|Swedish|Svenska|Human|Trafficking|Människohandel|Syd|Skåne)$/u;
const ASKS_FOR_CONTACT = new RegExp(`(?<![\\p{L}])(${CONTACT_WORD}|name|namn|heter|vem är|who is|who's|who handles|vem handlägger|which prosecutor|vilken åklagare)(?![\\p{L}])`, 'iu');
/** The police, whose number is national (114 14); the national lines are the phoneLine list. */
const POLICE = /(?<![\p{L}])(polis|police|cops?)/iu;
/** @param normalized the text through {@link normalizeMessage}, for the list of national lines. */
const asksForLocalOffice = (text: string, normalized: string): boolean =>
  ASKS_FOR_CONTACT.test(text) &&
  !POLICE.test(text) &&
  !COMPILED.phoneLine.test(normalized) &&
  [...text.matchAll(LOCAL_OFFICE_IN_PLACE)].some((m) => /^\p{Lu}/u.test(m[2] as string) && !NOT_A_PLACE.test(m[2] as string));

function asksForPerson(text: string, knows: (word: string) => boolean): boolean {
  const named = ASKS_FOR_PERSON.some((re) => [...text.matchAll(re)].some((m) => {
    const name = (m[1] as string).replace(/(?:'s|s)$/u, '');
    return !knows(name) && !knows(m[1] as string);
  }));
  if (named) return true;
  // A contact word anywhere, and a person named: by a full name that no article uses, or "she is called".
  if (!HAS_CONTACT_WORD.test(text)) return false;
  return NAMES_SOMEONE.test(text) || [...text.matchAll(FULL_NAME)].some((m) => !knows(m[1] as string) || !knows(m[2] as string));
}

/** A message that opens with an order to write or translate something: a task for the bot, which only shows routines. */
const TASK_FOR_BOT = /^ ((skriv|formulera|översätt|sammanfatta|write|draft|compose|translate|summari[sz]e) (ett|en|mig|åt|om|till|a|an|me|the|this|our|my|up)|påminn (mig|oss)|remind (me|us)|set a reminder) /u;
const asksForTask = (normalized: string): boolean => TASK_FOR_BOT.test(normalized);

/** å, ä, ö written as a, a, o: phones and foreign keyboards often lack them. */
const fold = (text: string): string => text.replace(/[åä]/g, 'a').replace(/ö/g, 'o');

/**
 * Each entry, plus its form without å/ä/ö. A short folded form must be a whole word, because folding
 * makes new words of short stems ("våld" would match "valde").
 */
function variants(entry: string): string[] {
  const folded = fold(entry);
  if (folded === entry) return [entry];
  const short = folded.replace(/[^a-z]/g, '').length < 6 && !folded.endsWith(' ');
  return [entry, short ? `${folded} ` : folded];
}

/** Lists whose long plain words also count inside a Swedish compound ("regionkoordinatorn", "människohandelsärende"). */
const IN_COMPOUNDS: ReadonlySet<string> = new Set(['strong', 'suspicion', 'offTopic']);
const LONG_PLAIN_WORD = /^[\p{L}]{8,}$/u;

function compile(name: string, entries: readonly string[]): RegExp {
  const all = entries.flatMap(variants).map((e) => e.replace(/^\^/, '').replace(/ $/, '(?![\\p{L}\\p{N}])'));
  const inWord = IN_COMPOUNDS.has(name) ? all.filter((e) => LONG_PLAIN_WORD.test(e)) : [];
  const atWordStart = all.filter((e) => !inWord.includes(e));
  // Word start by lookbehind (not consumed, so neighbouring words both count); a trailing space means a whole word.
  return new RegExp([`(?<![\\p{L}\\p{N}])(?:${atWordStart.join('|')})`, ...(inWord.length > 0 ? [`(?:${inWord.join('|')})`] : [])].join('|'), 'u');
}

const COMPILED = Object.fromEntries(Object.entries(LISTS).map(([name, entries]) => [name, compile(name, entries as readonly string[])])) as Record<ListName, RegExp>;
const COMMAND = new RegExp((LISTS.command as readonly string[])[0] as string, 'u');

const GLOBAL = Object.fromEntries(Object.entries(COMPILED).map(([n, re]) => [n, new RegExp(re.source, 'gu')])) as Record<ListName, RegExp>;
const count = (name: ListName, text: string): number => [...text.matchAll(GLOBAL[name])].length;

/** Domain score that puts a message in the domain on its own: one strong domain word (the police, social services, trafficking). */
export const IN_DOMAIN_SCORE = 3;

/** A danger word that the message denies ("no violence", "nobody hurt", "inget våld"). */
const DENIED_DANGER = /(?<![\p{L}])(no|not|nobody|no one|noone|never|without|inget|ingen|inte|utan) (\p{L}+ ){0,2}(violence|violent|hurt|threats?|weapons?|våld|skadad|skadade|hot|vapen)(?![\p{L}])|(?<![\p{L}])(nobody|no one|noone|ingen) ((seems?|seemed|verkar|verkade|var|was|is|är|blev|got|looks?|looked) (to be )?)?(threatened|threatening|hotad|hotade|hotar)(?![\p{L}])/gu;

/** Lower-case, NFC, one kind of apostrophe, single spaces; padded so "soc " matches at the end. */
export function normalizeMessage(text: string): string {
  // A sentence's end is kept as a bar, so that no phrase is matched across two sentences ("salary. Is this").
  return ` ${text.normalize('NFC').toLowerCase().replace(/[’`´]/g, "'").replace(SENTENCE_END, ' | ').replace(/[!?.,;:()"]+/g, ' ').replace(/\s+/g, ' ').trim()} `;
}

/**
 * The sentences of a normalized message that ask (`asks`, per sentence of the message as written), when it
 * also has sentences that do not; else the whole message. The setting of a story is no near miss: "who pays
 * for her housing during the reflection period? we have no budget for this" asks about the routine.
 */
function askingSentences(asks: readonly boolean[], normalized: string): string {
  const parts = normalized.split('|').map((s) => s.trim()).filter(Boolean);
  if (parts.length !== asks.length || asks.every(Boolean) || !asks.some(Boolean)) return normalized;
  return ` ${parts.filter((_, i) => asks[i]).join(' | ')} `;
}

/**
 * Decide what a message is: a situation being described, a question, a command or out of scope,
 * whether someone may be in danger now, and whether a child may be involved now.
 * @param corrected the message after spelling correction, checked together with the original.
 * @param knows whether the knowledge base uses a word (tells a service's name from a person's).
 */
export function understandMessage(text: string, _language: KbLanguage, corrected = '', knows: (word: string) => boolean = () => true): Understanding {
  const raw = normalizeMessage(text);
  if (COMMAND.test(raw.trim())) return { kind: 'command', danger: false, possibleChild: false, alarmOnly: false, childWithFamily: false, stepIn: false, observed: false, nearMiss: false, domain: 0, offTopic: false };
  const normalizedCorrected = normalizeMessage(corrected);
  const all = `${raw}|${normalizedCorrected}`;
  const has = (name: ListName) => COMPILED[name].test(all);

  const situational = has('situation');
  // "Checked in yesterday" does not make a child going up to a room now a thing of the past.
  const present = all.replace(NOT_THE_PRESENT, ' ');
  const now = NOW.test(present);
  const over = has('notNow') || (has('earlier') && !now);
  const hypothetical = has('hypothetical') && !AT_THIS_MOMENT.test(present);
  // Asked about afterwards ("i efterhand"), unless something happens at this moment.
  const afterwards = has('afterwards') && !AT_THIS_MOMENT.test(present);
  // "Nobody seems hurt", "inget våld": a danger word denied is no danger sign; nor is one that is over, unless something goes on now.
  const current = !hypothetical && !afterwards && !(over && !now);
  const undenied = all.replace(DENIED_DANGER, ' ');
  const firmSign = COMPILED.danger.test(undenied) && current;
  const alarmSign = COMPILED.alarm.test(undenied) && current;
  const dangerSign = firmSign || alarmSign;
  // A girl who has turned 18 is an adult, unless the message also gives an age under 18 (her sister, 15).
  const childSign = has('child') && !(has('turnedAdult') && !UNDER_18_AGE.test(all));
  // A child is never put in the past by "what do we do now" alone: "a man checked in yesterday with a girl of 14, what do we do now?".
  const childNow = NOW.test(all);
  const childOver = has('notNow') || (has('earlier') && !childNow);
  const possibleChild = childSign && situational && !childOver && !(has('earlierYear') && !childNow) && !hypothetical && !asksForTask(raw);
  const danger = dangerSign || possibleChild;
  const sentenceAsks = sentences(text).map((s) => s.asks);
  const asked = `${askingSentences(sentenceAsks, raw)}|${askingSentences(sentenceAsks, normalizedCorrected)}`;
  const asks = (name: ListName) => COMPILED[name].test(asked);
  const asksOpeningHours = asks('openingHours') && !has('phoneLine');
  const asksEmail = asks('email') && !has('reflectionPeriodForm');
  const nearMiss = (asks('nearMiss') || has('verdict') || asksOpeningHours || asksEmail || asksForTask(raw) || asksForPerson(text, knows) || asksForLocalOffice(text, raw)) && !dangerSign;
  const score = (t: string) => count('strong', t) * 3 + count('suspicion', t) * 2 + Math.min(count('weak', t), 3);
  // Violence or a threat that is over is no danger now, but still the domain's ("yesterday he hit her, what do we do now?").
  const pastDanger = !current && COMPILED.danger.test(undenied);
  const domain = Math.max(score(raw), score(normalizedCorrected)) + (childSign ? 1 : 0) + (pastDanger ? IN_DOMAIN_SCORE : 0);
  // An everyday topic (a printer, the weather, a passport to renew) needs more domain words than two strong ones to count as in the domain: "my passport" and "the police" alone are not enough.
  const offTopic = has('offTopic') && !danger;
  const inDomain = danger || domain >= (offTopic ? 7 : IN_DOMAIN_SCORE);

  const kind = nearMiss || !inDomain ? 'outOfScope' : danger || situational ? 'situation' : 'question';
  const childWithFamily = possibleChild && !dangerSign && has('family') && !has('claimed');
  return { kind, danger, possibleChild, alarmOnly: alarmSign && !firmSign && !possibleChild, childWithFamily, stepIn: has('stepIn'), observed: situational && !over, nearMiss, domain, offTopic };
}
