import { describe, expect, it } from 'vitest';
import { understandMessage } from '../../src/knowledge/understand';

describe('understandMessage', () => {
  it.each([
    ['en', 'girl locked in rm 214 screamin for help wat do i do'],
    ['en', 'A woman call reception, she say very quiet help me, he have gun'],
    ['en', 'the man took her passport and she is not allowed to leave'],
    ['sv', 'asså det står nån snubbe och vaktar utanför rum 31 och tjejen har sms:at hjälp mig'],
    ['sv', 'kvinna gråta, hon säga mannen ta hennes pass och hon inte får gå ut'],
    ['sv', 'det står en man i korridoren med kniv och bankar på dörren'],
    // a note handed over in silence
    ['sv', 'hon la en lapp på disken där det stod polis när hon betalade, mannen stod bakom henne'],
    ['en', 'she slipped me a napkin that said police while he was looking away'],
    // written without å/ä/ö, as on a foreign keyboard
    ['sv', 'en man slar en kvinna utanfor hissen just nu'],
    ['sv', 'hon ar inlast pa rummet och far inte ga ut'],
    // injuries, restraint and fear that someone sees
    ['en', 'the woman in 12 has a black eye and bruises on her arms, she is sitting in the lobby now'],
    ['sv', 'kvinnan i stugan är fastbunden vid sängen, jag ser det genom fönstret nu'],
    ['en', 'a girl is standing at the desk crying and says she does not want to go back up to the room'],
    // non-native and casual ways of saying she is held or hurt
    ['en', 'the men in room 8 they not let her go out and they take her phone'],
    ['en', 'some guy pulled her back into the room by her hair just now'],
    ['sv', 'han drog in henne i rummet igen, hon har en svullen kind'],
    ['en', 'guy in 409 wont let the lady go, every time she opens the door he drags her inside'],
    // non-native "lock in", and forcing someone into a car
    ['en', 'the woman on the phone she is lock in the flat by two men, they come back tonight'],
    ['en', 'right now a man is forcing a young woman into a van behind the hotel'],
    ['sv', 'en man tvingar in en kvinna i en bil på parkeringen nu'],
    // someone else asks for help, or says they are held
    ['en', 'a lady just came to the desk, she needs help, her boyfriend is outside in the car'],
    ['sv', 'en tjej ringde till receptionen och sa att hon vill ha hjälp, hon är på rum 8'],
    ['en', 'the cleaner say the woman in 3 told her she is a prisoner there'],
    // asked to call the police, forced now
    ['sv', 'en kvinna i lobbyn ber oss ringa polisen, hon blir tvingad av killen hon kom med'],
    // learner Swedish, and someone hiding from a man
    ['sv', 'en kvinna sitter i frukostrummet nu, hon säga mannen slå henne i natt'],
    ['en', 'a girl is hiding from a man in our laundry room right now, she is shaking'],
    // "ringer om en kvinna" is a call about a woman, not "what if"
    ['sv', 'polisen ringer om en kvinna som är inlåst i en lägenhet, vad gör vi'],
  ] as const)('sees danger in a situation (%s: %s)', (language, text) => {
    expect(understandMessage(text, language)).toMatchObject({ kind: 'situation', danger: true });
  });

  it.each([
    ['sv', 'barn i husvangen me en gubbe nu!!'],
    ['en', 'Man is checking in with young boy maybe 14 years, they are going to room now'],
    ['en', 'my cleaner texted me, a girl about 15 is still inside the flat with two older men'],
    // a moment ago is now
    ['en', 'an older man took the elevator to the 5th floor with a girl around 14, five minutes ago'],
    ['sv', 'en gubbe gick förbi disken med en tjej som ser ut att vara 13'],
  ] as const)('flags a possible child with an adult now (%s: %s)', (language, text) => {
    expect(understandMessage(text, language)).toMatchObject({ danger: true, possibleChild: true });
  });

  it('flags a child now although something else happened yesterday', () => {
    const u = understandMessage('the man checked in alone yesterday, and right now a girl who looks about 14 went up to his room with him', 'en');
    expect(u).toMatchObject({ danger: true, possibleChild: true });
    const tonight = understandMessage('han checkade in i går, i kväll kom en tjej typ 15 in på hans rum', 'sv');
    expect(tonight).toMatchObject({ danger: true, possibleChild: true });
  });

  it('reads being asked to hide someone from a man as danger now', () => {
    expect(understandMessage('a girl from cabin 4 is at the desk and wants me to hide her from her boyfriend', 'en').danger).toBe(true);
    expect(understandMessage('en tjej från stuga 4 står i receptionen och vill att jag gömmer henne för sin pojkvän', 'sv').danger).toBe(true);
  });

  it('tells a scream or tears alone from violence, threats or someone held', () => {
    expect(understandMessage('someone is screaming in room 214 right now', 'en')).toMatchObject({ danger: true, alarmOnly: true });
    expect(understandMessage('en kvinna gråter i receptionen nu', 'sv')).toMatchObject({ danger: true, alarmOnly: true });
    expect(understandMessage('someone is screaming in room 214 right now, a man is hitting her', 'en')).toMatchObject({ danger: true, alarmOnly: false });
    expect(understandMessage('hon skriker i rummet nu och han släpper inte ut henne', 'sv')).toMatchObject({ danger: true, alarmOnly: false });
  });

  it('reads "about 15 minutes" as a time, not an age', () => {
    expect(understandMessage('tonight men go into the cabin one by one, each stays about 15 minutes', 'en').possibleChild).toBe(false);
    expect(understandMessage('tonight a man went into the cabin with a girl, she is about 15', 'en').possibleChild).toBe(true);
    expect(understandMessage('i natt har typ 12 män gått in i stugan, en i taget', 'sv').possibleChild).toBe(false);
    expect(understandMessage('tonight around 11pm a man and a woman were shouting in room 118, now they are at the bar', 'en').possibleChild).toBe(false);
    expect(understandMessage('i kväll runt 11-tiden grälade ett par i rum 118, nu sitter de i baren', 'sv').possibleChild).toBe(false);
    expect(understandMessage('tonight a man is at the bar with a girl, she is around 15', 'en').possibleChild).toBe(true);
    expect(understandMessage('i natt hittade jag typ femton handdukar och massor av kondomer på rummet, mannen är kvar', 'sv').possibleChild).toBe(false);
    expect(understandMessage('I manage about fifteen short-let flats and tonight men keep coming and going at one of them', 'en').possibleChild).toBe(false);
    expect(understandMessage('en tjej typ femton sitter med en äldre man i baren nu', 'sv').possibleChild).toBe(true);
  });

  it('does not flag a child now when the event is over', () => {
    const u = understandMessage('a girl who looked around 15 left a cabin with two men yesterday, they drove off, nobody in danger now', 'en');
    expect(u.possibleChild).toBe(false);
  });

  it.each([
    ['en', 'How long is the reflection period?'],
    ['sv', 'vad ä skilnaden på P2 o P3 i prioriteringen'],
    ['en', 'What is the maximum penalty for buying sex from a child?'],
  ] as const)('reads a question about routines as a question (%s: %s)', (language, text) => {
    expect(understandMessage(text, language)).toMatchObject({ kind: 'question', danger: false });
  });

  it('asks for a person\'s number: a near miss; a service the articles name is a question', () => {
    const knows = (word: string) => ['bris', 'kvinnofridslinjen'].includes(word.toLowerCase());
    expect(understandMessage('What is the mobile number of Jonas at the social office?', 'en', '', knows)).toMatchObject({ kind: 'outOfScope', nearMiss: true });
    expect(understandMessage('vilket nummer har Sara Berg på polisen?', 'sv', '', knows)).toMatchObject({ kind: 'outOfScope', nearMiss: true });
    // The name anywhere in the sentence, the contact word later.
    expect(understandMessage('Hur når jag Anders Holm på länsstyrelsen, har du hans mejl?', 'sv', '', knows)).toMatchObject({ kind: 'outOfScope', nearMiss: true });
    expect(understandMessage('Is there a phone line like Bris for kids who want to talk?', 'en', '', knows).nearMiss).toBe(false);
    expect(understandMessage('vilket nummer har Bris?', 'sv', '', knows)).toMatchObject({ nearMiss: false });
  });

  it('asks for a named place\'s own office or person (its number, name or e-mail): a near miss; a national line or whether a clinic exists there is a question', () => {
    expect(understandMessage('vad har socialjouren i Kiruna för telefonnummer?', 'sv')).toMatchObject({ kind: 'outOfScope', nearMiss: true });
    expect(understandMessage('Who is the regional coordinator for region Mitt, name and email?', 'en')).toMatchObject({ kind: 'outOfScope', nearMiss: true });
    expect(understandMessage('which prosecutor would take a trafficking case in Gävle?', 'en')).toMatchObject({ nearMiss: true });
    expect(understandMessage('Is there a Mika clinic in Göteborg?', 'en').nearMiss).toBe(false);
    expect(understandMessage('vilket nummer har polisen i Malmö?', 'sv').nearMiss).toBe(false);
    expect(understandMessage('what is the number of the regional coordinator in region Syd?', 'en').nearMiss).toBe(false);
    expect(understandMessage('what is the number of the coordinator in Region Syd?', 'en').nearMiss).toBe(false);
    expect(understandMessage('Socialjouren i Kiruna, vad har de för telefonnummer?', 'sv').nearMiss).toBe(true);
    expect(understandMessage("Who's the duty prosecutor tonight for the Gävle district?", 'en').nearMiss).toBe(true);
  });

  it('asks for an e-mail address: a near miss, except where the reflection period\'s form is sent (the one address the routines give)', () => {
    expect(understandMessage('vilken mejladress har länsstyrelsen?', 'sv')).toMatchObject({ kind: 'outOfScope', nearMiss: true });
    expect(understandMessage('what e-mail address do we send the reflection period form to?', 'en')).toMatchObject({ nearMiss: false });
    expect(understandMessage('vilken mejladress har Migrationsverket för blanketten om betänketid?', 'sv').nearMiss).toBe(false);
    expect(understandMessage('what is the email address for the reflection period form?', 'en').nearMiss).toBe(false);
  });

  it('asks for a forecast, a look-up in the hotel\'s own system or a list of guests reported before: a near miss', () => {
    expect(understandMessage('do you think the girl from last month will be allowed to stay in sweden?', 'en')).toMatchObject({ kind: 'outOfScope', nearMiss: true });
    expect(understandMessage('How will trafficking in our region change in ten years?', 'en')).toMatchObject({ nearMiss: true });
    expect(understandMessage('hur ser sexhandeln ut här om tio år tror ni', 'sv')).toMatchObject({ nearMiss: true });
    expect(understandMessage('can you search the guest register for women who paid cash this week?', 'en')).toMatchObject({ nearMiss: true });
    expect(understandMessage('vilka gäster på våra andra hotell har rapporterats tidigare?', 'sv')).toMatchObject({ nearMiss: true });
    expect(understandMessage('do you think it would be wrong to call the police about this guest?', 'en').nearMiss).toBe(false);
  });

  it('tells a question whether to step in (go up to, talk to, question, confront someone) from one about searching things', () => {
    expect(understandMessage('can i go talk to him?', 'en').stepIn).toBe(true);
    expect(understandMessage('ska vi säga till honom att gå?', 'sv').stepIn).toBe(true);
    expect(understandMessage('får jag kolla i hennes väska?', 'sv').stepIn).toBe(false);
    expect(understandMessage('what are the signs of a pimp?', 'en').stepIn).toBe(false);
  });

  it('sees no danger now in a threat denied, in one that is over (last weekend, the staff still shaken) when the asker asks what to do now, or in one asked about afterwards', () => {
    expect(understandMessage('olika män går upp hela kvällen, ingen verkar hotad men det känns fel', 'sv').danger).toBe(false);
    expect(understandMessage('we met a young woman at the hotel tonight, nobody threatening her at the scene', 'en').danger).toBe(false);
    expect(understandMessage('last week a man threatened our receptionist, what do we do now?', 'en').danger).toBe(false);
    expect(understandMessage('En gäst hotade nattportieren i lördags och personalen är fortfarande skakad. Hur hanterar vi det i efterhand?', 'sv').danger).toBe(false);
    expect(understandMessage('I helgen hotade en man vår nattportier. Hon är fortfarande skakad, hur tar vi hand om personalen?', 'sv').danger).toBe(false);
    expect(understandMessage('han hotade henne i helgen och hon är fortfarande kvar på rummet med honom', 'sv').danger).toBe(true);
    expect(understandMessage('yesterday he hit her and she is still in the room, what do i do now', 'en').danger).toBe(true);
  });

  it('reads "nu när" as "now that", not as a scene now: a question about the law stays a question', () => {
    expect(understandMessage('vad heter brottet nu när nån köper sex av en som är under 18', 'sv')).toMatchObject({ kind: 'question', danger: false });
    expect(understandMessage('en tjej typ 15 går upp med en gubbe nu', 'sv')).toMatchObject({ kind: 'situation', danger: true });
  });

  it('takes the municipality\'s roads and rubbish and the hotel\'s occupancy for everyday topics, though they are reported too', () => {
    expect(understandMessage('who do i report potholes on the campsite road to', 'en')).toMatchObject({ kind: 'outOfScope', offTopic: true });
    expect(understandMessage('kan du hjälpa mig med en rapport om beläggningen förra månaden', 'sv')).toMatchObject({ kind: 'outOfScope', offTopic: true });
  });

  it('asks whether to sue a guest: a near miss (one case\'s outcome)', () => {
    expect(understandMessage('kan jag stämma honom för städningen efteråt?', 'sv')).toMatchObject({ kind: 'outOfScope', nearMiss: true });
    expect(understandMessage('could we sue the guest for the damage?', 'en')).toMatchObject({ nearMiss: true });
  });

  it('keeps danger now when the writer adds a family word, a claim in the past tense, "in hindsight" or "what do we do now"', () => {
    expect(understandMessage('a man and a girl around 14 checked in to the family room tonight, all fine', 'en')).toMatchObject({ danger: true, childWithFamily: false });
    expect(understandMessage('the man told reception he is her father, girl looks 13, they went up to room 12 now', 'en')).toMatchObject({ danger: true, childWithFamily: false });
    expect(understandMessage('in hindsight i should have called earlier, he is hitting her right now in room 4', 'en').danger).toBe(true);
    expect(understandMessage('a man checked in yesterday with a girl who looks about 14, what do we do now?', 'en').danger).toBe(true);
    expect(understandMessage('nobody knows he threatened her, she is in room 4 with him now', 'en').danger).toBe(true);
    expect(understandMessage('nobody knows he is threatening her, she is in room 4 now', 'en').danger).toBe(true);
    expect(understandMessage('yesterday he hit her, i don\'t know what he is doing to her now', 'en').danger).toBe(true);
    expect(understandMessage('father with his two sons, around 10 and 13, checking in, the boys call him dad', 'en')).toMatchObject({ childWithFamily: true });
  });

  it('asks whether to step in only with someone to step in with: asking a question is not', () => {
    expect(understandMessage('can i ask what the law says about buying sex?', 'en').stepIn).toBe(false);
    expect(understandMessage('kan jag fråga en sak, hur rapporterar jag via boten?', 'sv').stepIn).toBe(false);
  });

  it('asks about pay for reporting or for training: a near miss', () => {
    expect(understandMessage('do we get paid anything for the reports we send?', 'en')).toMatchObject({ kind: 'outOfScope', nearMiss: true });
    expect(understandMessage('blir det högre lön om man har gått kursen?', 'sv')).toMatchObject({ kind: 'outOfScope', nearMiss: true });
    expect(understandMessage('får vi betalt för att rapportera?', 'sv')).toMatchObject({ nearMiss: true });
  });

  it('sees no child in a girl who has turned 18, unless the message gives an age under 18 too; "vilken lag det står i" is no scene', () => {
    expect(understandMessage('Flickan har fyllt 18 år nu. Måste jag ändå göra orosanmälan?', 'sv')).toMatchObject({ danger: false, possibleChild: false });
    expect(understandMessage('hon fyllde 18 förra månaden men hennes syster, typ 15, är uppe på hans rum nu', 'sv').danger).toBe(true);
    expect(understandMessage('barn under 18 säljer sex, måste socialtjänsten få veta? vilken lag det står i?', 'sv')).toMatchObject({ kind: 'question', danger: false });
    expect(understandMessage('det står en man i lobbyn med en tjej typ 14 nu', 'sv').danger).toBe(true);
  });

  it('asks for the contact person at an organisation no article names: a near miss', () => {
    const knows = (word: string) => ['frälsningsarmén'].includes(word.toLowerCase());
    expect(understandMessage('Who is the contact person at Elite Hotels for this?', 'en', '', knows)).toMatchObject({ kind: 'outOfScope', nearMiss: true });
    expect(understandMessage('vem är kontaktperson hos Frälsningsarmén i Stad för stad', 'sv', '', knows).nearMiss).toBe(false);
  });

  it('reads an order to write something as a task for the bot, and "write it in the bot" as a question', () => {
    expect(understandMessage('Skriv en inbjudan till nästa träff med hotellen', 'sv')).toMatchObject({ kind: 'outOfScope', nearMiss: true });
    expect(understandMessage('Draft a thank-you note to the campsite owners', 'en')).toMatchObject({ kind: 'outOfScope', nearMiss: true });
    expect(understandMessage('Skriv in det i boten eller ring polisen?', 'sv')).toMatchObject({ kind: 'question', nearMiss: false });
  });

  it('asks for a register, a list of members, a queue or a forecast of one\'s own case: a near miss; what the routines say about the same things is a question', () => {
    expect(understandMessage('kan du kolla upp personnumret till mannen i stuga 4?', 'sv')).toMatchObject({ kind: 'outOfScope', nearMiss: true });
    expect(understandMessage('Ska jag skriva gästens personnummer i rapporten?', 'sv')).toMatchObject({ nearMiss: false });
    expect(understandMessage('which other campsites around here take part in the hotel network?', 'en')).toMatchObject({ kind: 'outOfScope', nearMiss: true });
    expect(understandMessage('Vad gör hotellen som är med i Stad för stad?', 'sv')).toMatchObject({ nearMiss: false });
    expect(understandMessage('which rental sites work with the police on this?', 'en')).toMatchObject({ kind: 'outOfScope', nearMiss: true });
    expect(understandMessage('what is the processing time for a work permit these days', 'en')).toMatchObject({ kind: 'outOfScope', nearMiss: true });
    expect(understandMessage('if I call the police about my tenant, can he sue me afterwards?', 'en')).toMatchObject({ kind: 'outOfScope', nearMiss: true });
    expect(understandMessage('kan jag som hyresvärd dömas för koppleri om jag inte gör något?', 'sv')).toMatchObject({ nearMiss: false });
    // The routines give the penalty for buying a sexual act from a child, none for procuring or trafficking.
    expect(understandMessage('vad kan man få för straff för koppleri', 'sv')).toMatchObject({ kind: 'outOfScope', nearMiss: true });
    expect(understandMessage('how many years in prison do you get for human trafficking?', 'en')).toMatchObject({ kind: 'outOfScope', nearMiss: true });
    expect(understandMessage('what is the penalty for paying a 16 year old for sex', 'en')).toMatchObject({ nearMiss: false });
    expect(understandMessage('will the night staff get paid extra for the training evening?', 'en')).toMatchObject({ kind: 'outOfScope', nearMiss: true });
    expect(understandMessage('how long is the reflection period for victims of trafficking', 'en')).toMatchObject({ nearMiss: false });
  });

  it('asks for opening hours: a near miss for an office, a question for the phone lines the routines give', () => {
    expect(understandMessage('Vilka öppettider har socialkontoret på torget?', 'sv')).toMatchObject({ kind: 'outOfScope', nearMiss: true });
    expect(understandMessage('När har stödtelefonen öppet?', 'sv')).toMatchObject({ kind: 'question', nearMiss: false });
    expect(understandMessage('Vilka tider har mottagningen i Borås öppet?', 'sv')).toMatchObject({ nearMiss: true });
    expect(understandMessage('what hours is the clinic in Umeå open?', 'en')).toMatchObject({ nearMiss: true });
    expect(understandMessage('Vilka tider har Kvinnofridslinjen öppet?', 'sv')).toMatchObject({ nearMiss: false });
    expect(understandMessage('what time does the helpline open on sundays', 'en')).toMatchObject({ kind: 'question', nearMiss: false });
  });

  it('reads a look-up of one case\'s decision as a near miss, and who grants a reflection period as a question', () => {
    expect(understandMessage('Har Migrationsverket beviljat betänketid för kvinnan vi skickade in ansökan för i tisdags?', 'sv').nearMiss).toBe(true);
    expect(understandMessage('has the migration agency granted her permit yet?', 'en').nearMiss).toBe(true);
    expect(understandMessage('Who grants the reflection period?', 'en')).toMatchObject({ kind: 'question', nearMiss: false });
    expect(understandMessage('Can we apply for a grant for our Stad för stad work?', 'en').nearMiss).toBe(true);
  });

  it('tells a guest who locked himself out from someone locked in', () => {
    expect(understandMessage("My guest locked himself out at midnight and the lockbox code isn't working.", 'en').danger).toBe(false);
    expect(understandMessage('he locked her in the room and took the key', 'en').danger).toBe(true);
  });

  it('sees no child with an adult now when the message says no buyer or adult is there', () => {
    expect(understandMessage('Child 16 maybe sell sex, hotel call me. No buyer there now. When we must do protection assessment?', 'en').danger).toBe(false);
    expect(understandMessage('en tjej på typ 15 sitter i receptionen, ingen vuxen är med henne, vad gör vi?', 'sv').danger).toBe(false);
    expect(understandMessage('a girl about 15 is in room 12 with a man right now', 'en').danger).toBe(true);
  });

  it('reads a school class with its teachers as calm children, like a family', () => {
    expect(understandMessage('Vi har en skolklass här med två lärare, 25 tonåringar i stugorna. Hur tidigt kan de få frukost?', 'sv')).toMatchObject({ possibleChild: true, childWithFamily: true });
    expect(understandMessage('a girl about 14 just went up to room 12 with a man in his fifties', 'en')).toMatchObject({ possibleChild: true, childWithFamily: false });
  });

  it('asks for a free bed tonight or the police\'s plans: a near miss; a shift swap is an everyday errand', () => {
    expect(understandMessage('Which protected housing in our region has a free bed tonight?', 'en').nearMiss).toBe(true);
    expect(understandMessage('När gör polisen nästa tillslag mot hotellen här?', 'sv').nearMiss).toBe(true);
    expect(understandMessage('Vem pratar jag med om jag vill byta pass med en kollega nästa vecka?', 'sv').offTopic).toBe(true);
  });

  it('reads being charged over one\'s own premises, and guests booking a room, as questions; a booking for the bot is a near miss', () => {
    expect(understandMessage('Can I be charged with something if my flat is used for prostitution and I do nothing about it?', 'en').nearMiss).toBe(false);
    expect(understandMessage('Can I be charged for calling the police on a guest by mistake?', 'en').nearMiss).toBe(true);
    expect(understandMessage('Is it a warning sign when people who live here in town book a room with us?', 'en').nearMiss).toBe(false);
    expect(understandMessage('can you book a room for me on friday', 'en').nearMiss).toBe(true);
  });

  it('sees no one locked in when a key card or lock will not open a door', () => {
    expect(understandMessage("Guest says his key card won't open the gym. How do I re-encode it?", 'en').danger).toBe(false);
    expect(understandMessage("she is banging on the door from inside and it won't open", 'en').danger).toBe(true);
  });

  it('reads an amount in kronor as a near miss, and who pays as a question', () => {
    expect(understandMessage('hur många kronor får hon om dagen under betänketiden?', 'sv')).toMatchObject({ kind: 'outOfScope', nearMiss: true });
    expect(understandMessage('does the municipality pay 500 kr a night for the room?', 'en')).toMatchObject({ kind: 'outOfScope', nearMiss: true });
    expect(understandMessage('who pays for her housing during the reflection period?', 'en')).toMatchObject({ kind: 'question', nearMiss: false });
  });

  it('judges a near miss by what a longer message asks, not by the setting it tells; a demand for a verdict counts anywhere', () => {
    expect(understandMessage('Vem betalar boendet under betänketiden? Vi har ingen budget för sånt här', 'sv')).toMatchObject({ nearMiss: false });
    expect(understandMessage('We have no budget for this. Who pays for her housing during the reflection period?', 'en')).toMatchObject({ nearMiss: false });
    expect(understandMessage('We are a small municipality. How big is the budget for the Stad för stad work?', 'en')).toMatchObject({ nearMiss: true });
    expect(understandMessage('Vem betalar boendet under betänketiden, vi har ingen budget', 'sv')).toMatchObject({ nearMiss: true });
    expect(understandMessage('Is my client a trafficking victim? Yes or no.', 'en')).toMatchObject({ nearMiss: true });
  });

  it.each([
    ['sv', 'en man i 60-årsåldern gick nyss upp på rummet med en tjej som ser ut att vara typ 13'],
    ['en', 'she looks 12 or 13 and they just went up to his room'],
    ['en', 'a boy who cannot be older than 14 went inside the cabin with a man, they are in there'],
    ['en', 'not sure if i am overreacting but a girl who cant be more than 15 is in there with him now'],
    // told in the present, the way a phone message is
    ['en', 'boy around 14 going into room 12 with an older man'],
    ['en', 'lad 15ish heading up with two men'],
    ['sv', 'en kille typ 14 går in på rum 12 med en äldre man'],
    ['sv', 'pojke runt 13 följer med mannen upp, de står vid hissen'],
  ] as const)('reads a possible child with an adult now (%s: %s)', (language, text) => {
    expect(understandMessage(text, language)).toMatchObject({ danger: true, possibleChild: true });
  });

  it.each([
    ['en', 'the bathroom door is locked from the outside and someone inside keeps saying help'],
    ['en', 'a woman is being hold in room 3 and not allowed go out'],
    ['sv', 'dörren är låst utifrån och någon därinne ropar hjälp hjälp'],
    ['en', 'a woman at the desk says she is being kept in a flat upstairs and begged me to help'],
    ['sv', 'en kvinna viskade att hon hålls i rummet och bad oss hjälpa henne'],
    ['sv', 'min kusin ringde från en lägenhet i stan, de låter mig inte åka hem sa hon'],
    ['en', 'the driver wont let her out of the taxi, they are at the back entrance'],
    ['sv', 'vakten vid porten släpper inte ut oss från området'],
  ] as const)('reads someone held or calling for help now as danger (%s: %s)', (language, text) => {
    expect(understandMessage(text, language).danger).toBe(true);
  });

  it.each([
    ['en', 'someone is choking a woman in the stairwell'],
    ['en', 'there is a napkin on the tray that says SOS and she is still in the room with him'],
    ['en', 'a guy shut a girl in the laundry room and she is banging on the door'],
    ['en', 'i hear slaps and a woman begging him to stop'],
    ['sv', 'en kille med ett järnrör går runt stugorna och letar efter henne'],
    ['sv', 'hon har sprungit från en lägenhet och mannen ringer hela tiden'],
  ] as const)('reads danger told without the obvious words (%s: %s)', (language, text) => {
    expect(understandMessage(text, language).danger).toBe(true);
  });

  it.each([
    ['en', 'lots of short visits to room 9 tonight, cash only, nobody seems hurt. worth a tip?'],
    ['sv', 'samma bil hämtar tjejer varje kväll, inget våld alls, bara konstigt'],
    ['sv', 'mannen som hotade receptionisten förra månaden har inte synts sedan dess'],
  ] as const)('does not read a denied or past danger as danger now (%s: %s)', (language, text) => {
    expect(understandMessage(text, language).danger).toBe(false);
  });

  it.each([
    ['en', 'a woman is screaming in 2019'],
    ['en', 'she is locked in the room and screaming, he pays her under 2000 kr a month'],
    ['en', 'he is hitting the woman in room 5 she screams, same man as last year'],
    ['sv', 'man slår kvinnan i rum 5 hon skriker, samma man som i fjol'],
  ] as const)('keeps danger words danger beside a year or a room number like one (%s: %s)', (language, text) => {
    expect(understandMessage(text, language)).toMatchObject({ danger: true, nearMiss: false });
  });

  it.each([
    ['en', 'the price is going up for children'],
    ['sv', 'barn under 12 följer med en vuxen gratis'],
    ['sv', 'barnen går in i skolan klockan åtta'],
  ] as const)('reads no scene in an ordinary sentence that moves a child (%s: %s)', (language, text) => {
    expect(understandMessage(text, language)).toMatchObject({ danger: false, possibleChild: false });
  });

  it('reads a count of earlier cases as no danger now, but not a year of birth', () => {
    expect(understandMessage('how many girls under 18 were found selling sex in hotels during 2023', 'en').danger).toBe(false);
    expect(understandMessage('i fjol hittade vi en tjej på 15 år med en äldre man på rum 3', 'sv').danger).toBe(false);
    expect(understandMessage('a girl maybe 14 sits with an older man in room 5, she says she was born in 2011', 'en')).toMatchObject({ danger: true, possibleChild: true });
    expect(understandMessage('a girl who looks about 15 went up to room 12 with an older man, she told me she turned 15 last year', 'en')).toMatchObject({ danger: true, possibleChild: true });
    expect(understandMessage('a girl who looks about 14 went up to room 12 with an older man, she turned fourteen last year', 'en')).toMatchObject({ danger: true, possibleChild: true });
    expect(understandMessage('en tjej som ser ut att vara 15 gick upp till rum 12 med en äldre man, hon sa att hon fyllde 15 i fjol', 'sv')).toMatchObject({ danger: true, possibleChild: true });
  });

  it('reads danger that goes on now though something else is over', () => {
    expect(understandMessage('the man has checked out but the girl is still locked in the room', 'en').danger).toBe(true);
    expect(understandMessage('han slog henne i går och hon är kvar på rummet med honom', 'sv').danger).toBe(true);
  });

  it('keeps a what-if about a child a question, not danger now', () => {
    expect(understandMessage('vad gör jag om en kille som ser ut att vara 14 går upp med en äldre man', 'sv')).toMatchObject({ danger: false, possibleChild: false });
    expect(understandMessage('what if a girl who looks 15 goes up with a man, what should we do', 'en')).toMatchObject({ danger: false, possibleChild: false });
  });

  it('reads a raid as the domain', () => {
    expect(understandMessage('the raid was last night and two of the women want out, what now', 'en').kind).not.toBe('outOfScope');
    expect(understandMessage('tillslaget var i går och två av kvinnorna vill ha hjälp, vad nu', 'sv').kind).not.toBe('outOfScope');
  });

  it('reads a request to the bot as no cry for help', () => {
    expect(understandMessage('could you help me fill in the expense form for the train ticket', 'en').danger).toBe(false);
    expect(understandMessage('she kept saying help me, help me, and he pulled her back', 'en').danger).toBe(true);
  });

  it.each([
    ['en', 'help me understand who pays during the reflection period'],
    ['en', 'help us write the police part of our action plan'],
    ['en', 'help me with the report form, it will not save'],
    ['sv', 'hjälp mig förstå vem som betalar under betänketiden'],
    ['sv', 'hjälp mig med rapportformuläret, det sparas inte'],
    ['sv', 'påminn mig att hämta barnen på fritids kl 16 i dag'],
  ] as const)('reads "help me" with a task for the bot, and a reminder, as no danger (%s: %s)', (language, text) => {
    expect(understandMessage(text, language).danger).toBe(false);
  });

  it.each([
    ['en', 'the guest in 12 whispered help me when he turned his back'],
    ['sv', 'hon viskade hjälp mig när han gick på toa'],
    ['en', 'someone scratched HELP into the paint inside the wardrobe of 210, the woman is in there with two men'],
    ['sv', 'nån har skrivit HJÄLP på spegeln i rum 7 med läppstift, kvinnan är kvar där inne'],
    ['en', 'the police found a woman who has been held there for a month, she needs a safe place tonight'],
    ['sv', 'kvinnan säger att hon har hållits kvar i lägenheten i flera veckor, hon är hos oss nu'],
  ] as const)('reads a cry for help, written or whispered, and someone held for weeks as danger (%s: %s)', (language, text) => {
    expect(understandMessage(text, language).danger).toBe(true);
  });

  it.each([
    ['en', 'three weeks ago a woman asked us for help at the desk and we called 112, the officer says she is fine, do i close the report'],
    ['sv', 'för två månader sedan blev en kvinna slagen på ett av rummen, polisen tog hand om det, hur följer vi upp'],
  ] as const)('reads danger weeks or months ago as over (%s: %s)', (language, text) => {
    expect(understandMessage(text, language).danger).toBe(false);
  });

  it('reads danger that began weeks ago and goes on as danger now', () => {
    expect(understandMessage('she came two weeks ago and is still locked in the flat upstairs', 'en').danger).toBe(true);
    expect(understandMessage('hon kom för tre veckor sedan och är fortfarande inlåst i lägenheten', 'sv').danger).toBe(true);
  });

  it.each([
    ['sv', 'en pappa ringer, hans dotter på 14 ska träffa en vuxen man från nätet på hotellet i kväll'],
    ['en', 'a mother called, her daughter aged 15 is going to meet a grown man from an app at a hotel tonight'],
  ] as const)('reads a son or daughter "på 14", "aged 15" with an adult tonight as a possible child (%s: %s)', (language, text) => {
    expect(understandMessage(text, language)).toMatchObject({ possibleChild: true, danger: true });
  });

  it.each([
    ['en', 'Do you think the court will let my client win her case?'],
    ['sv', 'vad heter samordnaren på länsstyrelsen i Västra Götaland?'],
    ['sv', 'har ni mejladressen till kvinnojouren, alltså vilken mejl de har'],
    ['en', 'is this guy wanted by police? he gave his name at check-in'],
    ['sv', 'kan du kolla upp honom, han har ett litauiskt körkort'],
    ['sv', 'hur ansöker man om medel för att driva en samverkansgrupp?'],
    ['sv', 'blev han som greps på campingen i somras dömd till slut?'],
    ['en', 'what is the customer service number at Booking.com for a problem guest?'],
    ['sv', 'har ni numret till Airbnbs kundtjänst, en gäst beter sig konstigt'],
    ['sv', 'vilken dag är nästa träff med samverkansgruppen?'],
    ['sv', 'har polisen gripit killen från rum 7 som vi tipsade om?'],
    ['en', 'please cancel booking 5521 in our system, the police asked us to'],
    ['sv', 'hur mycket ska ett rum kosta om soc bokar det åt en klient?'],
    ['en', 'could you cancel the booking for the guest in room 9, police said he is a pimp'],
    ['sv', 'har du samordnarens privata nummer? polisen behöver det'],
    ['sv', 'kan du skriva ett mejl till polisen om att vi vill ha en träff?'],
    ['en', 'is the guy in room 12 a pimp or not, he is here every weekend'],
  ] as const)('reads a look-up, a prediction or a funding request as a near miss (%s: %s)', (language, text) => {
    expect(understandMessage(text, language)).toMatchObject({ kind: 'outOfScope', nearMiss: true });
  });

  it.each([
    ['sv', 'var förnyar jag mitt pass, hos polisen eller på ambassaden?'],
    ['en', 'is there a discount on rooms for police officers on duty?'],
    ['sv', 'vilket konferensrum har vi teammöte i på tisdag?'],
    ['en', 'where can I park my car when I visit the social services office?'],
    ['en', 'is a guest allowed to keep a dog in the room overnight?'],
    ['sv', 'hur gör jag för att anmäla vab när ungen är sjuk, jag jobbar på soc'],
    ['en', 'any tips for a good restaurant for the team christmas dinner?'],
    ['sv', 'när är antagningsprovet till polisutbildningen?'],
  ] as const)('reads an everyday errand that shares a word with the domain as out of scope (%s: %s)', (language, text) => {
    expect(understandMessage(text, language).kind).toBe('outOfScope');
  });

  it('reads an address asked for as a near miss, and one mentioned in a story as part of the story', () => {
    expect(understandMessage('vad har kvinnojouren i Malmö för adress?', 'sv')).toMatchObject({ kind: 'outOfScope', nearMiss: true });
    expect(understandMessage('which street address does the support clinic have?', 'en').nearMiss).toBe(true);
    expect(understandMessage('the guest gave an address here in town but books a room every weekend and men visit, is that a sign of something?', 'en')).toMatchObject({ nearMiss: false });
    expect(understandMessage('gästen har en adress här i stan men hyr rum varje helg och olika män kommer, är det konstigt?', 'sv').nearMiss).toBe(false);
  });

  it('reads an age written in words, but not a time of day', () => {
    expect(understandMessage('en man gick precis upp till rummet med en tjej som ser ut att vara fjorton', 'sv')).toMatchObject({ possibleChild: true, danger: true });
    expect(understandMessage('a man came in at around eleven tonight with two women, paid cash', 'en').possibleChild).toBe(false);
  });

  it('matches no phrase across the end of a sentence', () => {
    // "salary. Is this" is not "salary is …" (a question about pay).
    const u = understandMessage('The agency keeps the cleaners\' salary. Is this trafficking?', 'en');
    expect(u.nearMiss).toBe(false);
    expect(u.kind).not.toBe('outOfScope');
  });

  it('reads pay and money in an account of exploitation as the domain, not as a question about salaries', () => {
    const u = understandMessage('her boss takes all the money she earns and she sleeps in the storage room, is that trafficking?', 'en');
    expect(u).toMatchObject({ nearMiss: false });
    expect(u.kind).not.toBe('outOfScope');
  });

  it.each([
    ['en', 'Who won the Champions League final this year?', false],
    // a task for the bot to do counts as a near miss
    ['sv', 'Kan du skriva en kort dikt till en kollega?', true],
    ['sv', 'Ungefär vad ligger lönen på för en regionkoordinator?', true],
    ['en', 'How many trafficking cases went to court in Sweden in 2024?', true],
    ['en', 'Can our hotel get a government grant for anti-trafficking training?', true],
    ['sv', 'vilka öppettider har socialkontoret?', true],
    ['en', 'direct mobile for inspector Karlsson at the trafficking unit?', true],
    ['sv', 'vilket datum har vi nätverksträffen om människohandel i vår?', true],
    ['en', 'which campsites around here were reported for prostitution last year?', true],
    ['en', 'are there job openings at the anti-trafficking unit?', true],
    ['sv', 'vad valde ni till lunch idag?', false],
    ['sv', 'hur många fall av människohandel upptäcktes i länet 2024?', true],
    ['en', 'network meeting dates for the spring?', true],
    ['en', 'when does the social services office in Malmö open on saturdays?', true],
    ['sv', 'var kan vi beställa affischer med stödnumren till personalrummet?', true],
    ['en', 'does anyone pay us back for lost revenue when a guest we reported checks out early?', true],
    ['sv', 'tror du att kunden från i lördags kommer att dömas för sexköp?', true],
    ['en', 'the pimp arrested in May, will he get more than two years?', true],
    ['en', 'what is your personal opinion, was ärende 4471 really trafficking?', true],
    ['sv', 'finns det lediga platser på skyddat boende i kväll?', true],
    ['sv', 'vad ska vi ta betalt för stugan under midsommar?', true],
    ['en', 'I need the number of the social worker, she is called Petra', true],
    ['sv', 'min cykel blev stulen vid stationen, hur anmäler jag det till polisen?', false],
  ] as const)('puts off-topic text and near misses out of scope (%s: %s)', (language, text, nearMiss) => {
    expect(understandMessage(text, language)).toMatchObject({ kind: 'outOfScope', nearMiss });
  });

  it.each([
    ['en', 'is it normal that a cleaner works 15 hours a day for no pay and sleeps at the restaurant?'],
    ['sv', 'gästen i 8 beter sig skumt, ska vi misstänka något?'],
    ['sv', 'behöver nattpersonalen utbildning i det här?'],
    ['sv', 'hennes kille på rum 5 styr henne i allt, hon får inte prata själv'],
    ['sv', 'när gör vi nästa mönstergenomgång i samverkansgruppen?'],
  ] as const)('places suspicion, evidence, training and labour exploitation in the domain (%s: %s)', (language, text) => {
    expect(understandMessage(text, language).kind).not.toBe('outOfScope');
  });

  it('counts a domain word inside a Swedish compound', () => {
    expect(understandMessage('hur når jag länskoordinatorn en söndag?', 'sv').kind).toBe('question');
  });

  it.each([
    ['en', 'the wifi password in the lobby does not work for guests'],
    ['sv', 'skrivaren i receptionen är trasig igen, vem fixar den?'],
    ['en', 'what is the weather tonight for the guests going skiing'],
    ['sv', 'får gästerna grilla vid stugorna i helgen?'],
    ['en', 'any gift ideas for our receptionist who is leaving for retirement?'],
    ['en', 'best tricks to stay awake on the night shift at the desk?'],
  ] as const)('reads an everyday topic as out of scope even when it names a guest or the reception (%s: %s)', (language, text) => {
    expect(understandMessage(text, language)).toMatchObject({ kind: 'outOfScope', offTopic: true });
  });

  it('reads "reception" as the hotel desk, not a recipe', () => {
    expect(understandMessage('en man i receptionen frågar efter tjejen på rum 9', 'sv').offTopic).toBe(false);
  });

  it.each([
    ['sv', 'det sitter en unge i en bil med en äldre man på parkeringen nu'],
    ['en', 'a girl who says she is 16 just went up with a man to his room'],
  ] as const)('flags a possible child now in slang or a stated age (%s: %s)', (language, text) => {
    expect(understandMessage(text, language)).toMatchObject({ danger: true, possibleChild: true });
  });

  it('does not read a room number or a shift length as an age', () => {
    expect(understandMessage('I work 14 hours tonight in room 15, how do I report a suspicion?', 'en').possibleChild).toBe(false);
  });

  it('reads a single menu word as a command', () => {
    expect(understandMessage('help', 'en').kind).toBe('command');
  });
});
