/** Word lists for attribution: reporting cues, titles, pronouns and the nouns that head a speaker mention. */

const words = (s: string): ReadonlySet<string> => new Set(s.trim().split(/\s+/));

/** Reporting verbs in all their forms; the key is the lower-cased form. */
export const CUE_VERBS = words(`
  say says said saying tell tells told telling add adds added adding write writes wrote writing written
  ask asks asked asking tweet tweets tweeted tweeting note notes noted noting explain explains explained explaining
  reply replies replied replying declare declares declared declaring conclude concludes concluded concluding
  recall recalls recalled recalling argue argues argued arguing respond responds responded responding
  claim claims claimed claiming allege alleges alleged alleging insist insists insisted insisting warn warns warned
  warning announce announces announced announcing admit admits admitted admitting acknowledge acknowledges
  acknowledged acknowledging suggest suggests suggested suggesting promise promises promised promising pledge
  pledges pledged pledging state states stated stating report reports reported reporting continue continues
  continued continuing describe describes described describing call calls called calling accuse accuses accused
  accusing joke jokes joked joking quip quips quipped quipping remark remarks remarked observe observes observed
  exclaim exclaimed shout shouts shouted yell yelled yelling mutter muttered testify testifies testified testifying
  assert asserts asserted asserting contend contends contended contending complain complains complained complaining
  predict predicts predicted predicting boast boasts boasted boasting vow vows vowed vowing urge urges urged urging
  stress stresses stressed stressing emphasize emphasizes emphasized emphasised mention mentions mentioned
  mentioning post posts posted posting read reads agree agrees agreed agreeing conceded concede concedes conceding
  confirm confirms confirmed confirming deny denies denied denying charge charges charged charging cautioned
  cautions caution lament laments lamented lamenting scoffed scoff snapped snap demanded demand demands demanding
  wondered wonder wonders wondering maintained maintains maintain maintaining retorted retort countered counters
  counter countering interjected chimed opined opine opines quipped sighed laughed adds whispered murmured
  proclaimed proclaims proclaim blasted blast blasts slammed slam slams praised praise praises touted tout touts
  thundered told recounted recounts recount recounting explained recalling reiterated reiterates reiterate
  reiterating posited hinted estimated advised advise advises signaled signalled signals indicated indicates
  indicate indicating conceded characterized characterizes labeled labelled dubbed dubs termed terms decried
  decries denounced denounces condemned condemns criticized criticizes criticised questioned questions questioning
  cried screamed shot responded replied answered answer answers answering begged pleaded pleads assured assures
  assuring reassured informed informs inform revealed reveals reveal revealing disclosed discloses
  observed acknowledged texted emailed wrote messaged surmised reasoned reckoned figured guessed
  admitted attested swore swears sworn vowed ventured offered offers mused muses questioned pressed presses resisted
  proclaimed recalls explained cautioned quipped pointed insisted stressed grumbled complained fumed bemoaned
  conceded acknowledged boasted bragged joked teased scolded chided mocked taunted griped groused lamented
  commented commenting
`);

/** Words that may sit between a subject and its cue verb: "Trump also said", "she has repeatedly claimed". */
export const VERB_MODIFIERS = words(`
  also has have had would will later then once previously again repeatedly recently reportedly further just never
  frequently publicly privately often since even simply quickly flatly bluntly angrily immediately first is was were
  been did does do not could might may should must can already still even only subsequently initially earlier
  allegedly himself herself itself themselves separately privately directly specifically explicitly openly
  originally ultimately finally quietly loudly famously memorably emphatically proudly told
`);

/** Time words that may sit between a subject and its cue verb ("Trump on Sunday said"). */
export const TIME_WORDS = words(`
  on in at last this next earlier late early monday tuesday wednesday thursday friday saturday sunday
  morning afternoon evening night week month year today yesterday tonight weekend
  january february march april may june july august september october november december
`);

export const WEEKDAYS_MONTHS = words(`
  Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July August
  September October November December Jan. Feb. Mar. Apr. Jun. Jul. Aug. Sept. Sep. Oct. Nov. Dec.
`);

/** Titles before a name: kept out of the canonical name, and a sign the name is a person's. */
export const PERSON_TITLES = words(`
  Mr. Mrs. Ms. Miss Dr. Sen. Sens. Rep. Reps. Gov. Govs. Lt. Gen. Col. Maj. Capt. Sgt. Adm. Prof. Rev. Fr. Pres.
  Sec. Atty. Supt. Insp. Det. Cpl. Pvt. Hon. Judge Justice President Senator Governor Representative Congressman
  Congresswoman Mayor Secretary Ambassador Chairman Chairwoman Chancellor Prime Minister Vice Speaker Leader
  Sheriff Commissioner Attorney General Director Professor Pastor Bishop Pope King Queen Prince Princess Sir Dame
  Lord Lady Coach Officer Deputy Councilman Councilwoman Chief Father Rabbi Imam Sister Brother Mrs Mr Ms Dr
`);

/** Lower-case role nouns that, right before a name, mark it as a person ("pollster Pat Caddell"). */
export const ROLE_NOUNS = words(`
  spokesman spokeswoman spokesperson aide adviser advisor strategist pollster host anchor candidate nominee
  senator governor president chairman chairwoman director founder co-founder cofounder lawyer attorney analyst
  economist professor author writer columnist reporter correspondent editor official officer secretary mayor
  representative congressman congresswoman leader manager chief executive ceo expert researcher activist
  supporter critic voter resident actor actress singer rapper comedian star businessman businesswoman billionaire
  commentator historian scholar judge sheriff commissioner ambassador minister diplomat general colonel
  surrogate operative consultant organizer lobbyist donor member delegate chair whip speaker senior junior
  former republican democratic rep. sen. gov. mogul magnate tycoon investor pundit blogger producer
  preacher pastor rabbi priest bishop student teacher doctor nurse physician scientist veteran dean
  mother father son daughter wife husband brother sister friend ally confidant
`);

/** Subject pronouns and what they can stand for: a man, a woman, a thing, a group, the writer. */
export const PRONOUNS: ReadonlyMap<string, 'm' | 'f' | 'n' | 'p' | 'i'> = new Map([
  ['he', 'm'],
  ['she', 'f'],
  ['it', 'n'],
  ['they', 'p'],
  ['we', 'i'],
  ['i', 'i'],
]);

/** Head nouns of a nominal speaker mention ("the company", "a spokesman", "sources"). */
export const NOMINAL_HEADS = words(`
  company firm group organization organisation agency department ministry campaign committee administration
  government court newspaper paper magazine outlet network website site report study survey poll statement
  filing lawsuit complaint memo letter email document documents indictment ruling release post tweet
  spokesman spokeswoman spokesperson spokespeople aide aides adviser advisers advisor advisors official officials
  source sources lawyer lawyers attorney attorneys analyst analysts expert experts critic critics supporter
  supporters candidate nominee senator governor president congressman congresswoman lawmaker lawmakers
  legislator legislators mayor chairman chairwoman director executive executives founder co-founder cofounder
  businessman billionaire mogul woman man women men person people voter voters resident residents leader leaders
  member members staffer staffers strategist strategists pollster pollsters economist economists researcher
  researchers activist activists protester protesters witness witnesses officer officers agent agents
  prosecutor prosecutors judge judges investigator investigators team party union association council board
  commission bureau office center institute foundation
  host anchor author writer columnist reporter reporters editor editorial editors sheriff police
  spokesmen friend friends doctor doctors veteran veterans student students teacher teachers secretary minister
  ambassador boy girl child children attendee attendees participant participants organizer organizers narrator
  moderator commenter commenters blogger bloggers columnist columnists town city county village school university
  church hospital admiral actor actress singer comedian commentator historian scholar professor diplomat
  crowd audience ad ads physician surgeon neurosurgeon heckler hecklers colleague employee employees donor donors
  spectator spectators publication
`);

/** Nominal heads that name an organisation: "the company" resolves to the last organisation named. */
export const ORG_HEADS = words(`
  company firm group organization organisation agency department ministry campaign committee administration
  government court newspaper paper magazine outlet network website site team party union association council
  board commission bureau office center institute foundation
`);

/** Nominal heads that name a person: "the senator" resolves to the last person named. */
export const PERSON_HEADS = words(`
  spokesman spokeswoman spokesperson aide adviser advisor lawyer attorney analyst expert candidate nominee senator
  governor president congressman congresswoman lawmaker legislator mayor chairman chairwoman director executive
  founder co-founder cofounder businessman billionaire mogul woman man person leader strategist pollster
  economist researcher activist officer agent prosecutor judge investigator host anchor author writer columnist
  reporter editor sheriff doctor admiral actor actress singer comedian commentator historian scholar professor diplomat
  physician surgeon neurosurgeon heckler colleague employee donor
`);

/** Determiners that open a nominal mention. */
export const DETERMINERS = words('the a an another one two three several some many most other both each his her its their our this these those');

/** Words that begin with a capital letter only because they start a sentence, or are never names. */
export const CAPITALIZED_STOPWORDS = words(`
  The A An And But Or So Yet For Nor In On At To By Of From With Without As If When While After Before Since
  Because Although Though Until Unless This That These Those It Its He She They We I You His Her Their Our My
  Your Him Them Us Me There Here Then Now Still Also Even Just Only However Meanwhile Instead Indeed Yes No Not
  What Who Whom Whose Which Where Why How All Some Many Most More Much Such Both Each Every Any Other Another
  According Asked Last Next Earlier Later During Under Over Into Through About Against Between Among Despite
  Like Unlike Once Twice Thus Therefore Moreover Furthermore Besides Overall Still Already Perhaps Maybe
  Mr Mrs Ms Dr Read Click Watch Related Photo Video Getty AP Reuters Image Follow Sign Subscribe Share
  Let Do Does Did Is Are Was Were Be Been Being Have Has Had Will Would Can Could Should May Might Must Shall
  One Two Three Four Five Six Seven Eight Nine Ten First Second Third Today Tonight Yesterday Tomorrow
  Democrats Republicans Democrat Republican Democratic Americans American Conservatives Liberals
  Well Oh Please Thank Thanks Sure Okay OK
  Eleven Twelve Thirteen Fourteen Fifteen Sixteen Seventeen Eighteen Nineteen Twenty Thirty Forty Fifty Sixty
  Seventy Eighty Ninety Hundred Hundreds Thousand Thousands Million Millions Dozens Minutes Hours Days Weeks
  Months Years Decades Moments Ask Wait Look Consider Remember Imagine Note Good Bad
`);

/** Words that, inside a capitalised name, say it names an organisation. */
export const ORG_WORDS = words(`
  Group Inc. Inc Corp. Corp Co. Company Companies LLC Ltd. Ltd News Post Times Journal Herald Tribune Press Daily
  Magazine Network Channel Radio TV Television Department Dept. Ministry Committee Commission Council Party Campaign
  Association Union University College Institute Center Centre Foundation Fund Agency Bureau Office Service
  Services Administration Court Congress Senate House Parliament Assembly Board Bank Federal National
  International Organization Organisation Alliance Coalition Project Society Club Watch Research Lab Labs Network
  Police Army Navy Force Forces Guard Church Hospital School Schools Times Politico CNN FBI CIA NSA NBC CBS ABC
  MSNBC NPR PBS BBC AP GOP DNC RNC EPA FDA IRS ACLU NATO UN EU Twitter Facebook Google Apple Microsoft Amazon
  Breitbart Reuters Bloomberg Gallup Pew Quinnipiac Monmouth Rasmussen Marist YouGov Fox Associated Washington
  Street State Global Industries Holdings Partners Capital Media Post's Airlines Motors Trust PAC Super Action
  Tower Towers Plaza Hotel Casino Building Stadium Arena Airport Resort
`);

/** Places that look like personal names to the capitalisation rules. */
export const PLACES = words(`
  America New Old Fort Saint St. Port Lake Mount Palm Beach City County Valley Bay Islands Island Coast Gulf Sea Ocean River
  United States U.S. US USA UK Britain England Scotland Ireland Wales France Germany Italy Spain Russia
  China Japan Korea India Pakistan Iran Iraq Syria Israel Egypt Mexico Canada Brazil Cuba Ukraine Turkey Saudi
  Arabia Afghanistan Libya Europe Asia Africa Washington York Jersey Los Angeles San Francisco Chicago Boston
  Texas California Florida Ohio Iowa Virginia Carolina Pennsylvania Michigan Wisconsin Nevada Arizona Colorado
  Georgia Alabama Mississippi Louisiana Tennessee Kentucky Indiana Illinois Missouri Minnesota Oregon Utah
  Kansas Nebraska Oklahoma Arkansas Maryland Massachusetts Connecticut Hampshire Vermont Maine Delaware Montana
  Idaho Wyoming Dakota Alaska Hawaii Philadelphia Cleveland Detroit Miami Atlanta Dallas Houston Denver Seattle
  Vegas Orlando Charlotte Manhattan Brooklyn Moscow Beijing London Paris Berlin Brussels Baghdad Tehran Damascus
  Jerusalem Havana Mosul Aleppo Kabul Cairo Tokyo Seoul Pyongyang Kiev Crimea West East North South Midwest
  Rwanda Bahrain Kazakhstan Morocco Emirates Greece Qatar Yemen Jordan Lebanon Nigeria Venezuela Philippines
  Ala. Ariz. Ark. Calif. Colo. Conn. Del. Fla. Ga. Ill. Ind. Kan. Ky. La. Md. Mass. Mich. Minn. Miss. Mo. Mont.
  Neb. Nev. N.H. N.J. N.M. N.Y. N.C. N.D. Okla. Ore. Pa. R.I. S.C. S.D. Tenn. Tex. Va. Vt. Wash. Wis. W.Va. Wyo. D.C.
`);

/** Abbreviations that keep their period inside a token. */
export const ABBREVIATIONS = words(`
  mr. mrs. ms. dr. sen. sens. rep. reps. gov. govs. lt. gen. col. maj. capt. sgt. adm. prof. rev. fr. pres. sec.
  atty. supt. insp. det. cpl. pvt. hon. st. jr. sr. inc. corp. co. ltd. vs. v. no. nos. jan. feb. mar. apr. jun.
  jul. aug. sept. sep. oct. nov. dec. mt. ft. ave. blvd. dept. univ. est. approx. etc. a.m. p.m. u.s. u.k. u.n.
  d.c. e.u. washington. ph.d. d-n.y. r-texas. n.y. calif. fla. mass. ill. pa. va. ga. ky. tenn. ariz. mich.
  wis. minn. colo. okla. ore. conn. md. la. ala. miss. ind. kan. neb. nev. n.c. s.c. n.j. n.h. w.va. del.
`);

/** Marks that open and close an appositive between a subject and its cue. */
export const APPOSITIVE_MARKS: ReadonlySet<string> = new Set([',', '-', '\u2013', '\u2014', '--']);

/** Nouns for something said, owned by a possessive speaker ("Trump's claim that …"). */
export const SPEECH_NOUNS: ReadonlySet<string> = new Set(['accusation', 'claim', 'claims', 'remark', 'remarks', 'comment', 'comments', 'statement', 'words', 'description', 'suggestion', 'assertion', 'argument', 'warning', 'message', 'tweet', 'tweets', 'charge', 'promise', 'pledge', 'vow', 'call', 'response', 'reply', 'answer', 'insistence', 'admission', 'declaration', 'complaint', 'criticism', 'praise', 'denial', 'speech', 'testimony', 'letter', 'memo', 'op-ed', 'column', 'post', 'contention', 'characterization', 'boast', 'quip', 'joke']);

/** Words that open a clause or phrase before the main subject ("As voters went to the polls, …"). */
export const SUBORDINATORS: ReadonlySet<string> = new Set(['as', 'when', 'while', 'after', 'before', 'although', 'though', 'if', 'since', 'because', 'in', 'at', 'on', 'during', 'with', 'for', 'from', 'by', 'despite', 'unlike', 'like', 'until', 'once', 'whether', 'amid', 'following', 'without', 'under', 'over', 'throughout', 'to']);

/** Verbs that report speech outright; they outrank weaker verbs inside what they report. */
export const STRONG_CUES: ReadonlySet<string> = new Set(['said', 'says', 'say', 'told', 'tells', 'wrote', 'writes', 'added', 'adds', 'argued', 'argues', 'claimed', 'claims', 'stated', 'states', 'insisted', 'insists', 'noted', 'notes', 'explained', 'explains', 'declared', 'announced', 'reported', 'reports', 'tweeted', 'according to', 'asserted', 'contended', 'maintained', 'acknowledged', 'warned', 'predicted', 'suggested', 'concluded']);

/** Cues that may come before their subject ("…,” said Trump); "told" may not ("told reporters"). */
export const INVERTIBLE: ReadonlySet<string> = new Set(['said', 'says', 'added', 'adds', 'wrote', 'writes', 'asked', 'asks', 'continued', 'continues', 'explained', 'recalled', 'noted', 'replied', 'responded', 'declared', 'insisted', 'argued', 'countered', 'quipped', 'joked', 'concluded', 'warned', 'tweeted', 'exclaimed', 'observed', 'remarked', 'shouted', 'yelled', 'cried', 'stated', 'claimed', 'reported', 'reports', 'according to', 'agreed', 'acknowledged', 'admitted', 'predicted', 'suggested', 'explains', 'notes', 'recalls', 'argues', 'insists', 'counters', 'complained', 'laughed', 'offered', 'pressed', 'retorted', 'snapped', 'mused', 'wondered']);

/** Prepositions: a description right after one is an object ("in the past"), not a speaker. */
export const PREPOSITIONS: ReadonlySet<string> = new Set(['in', 'at', 'on', 'of', 'for', 'to', 'from', 'with', 'by', 'about', 'against', 'into', 'over', 'under', 'through', 'during', 'like', 'than', 'toward', 'towards', 'across', 'among', 'between']);

/** Documents someone puts out ("X issued a statement saying …"): not the speaker themselves. */
export const DOCUMENTS: ReadonlySet<string> = new Set(['statement', 'letter', 'report', 'filing', 'memo', 'email', 'tweet', 'release', 'ad', 'video', 'post', 'note', 'message', 'sign', 'signs', 'banner', 'website', 'op-ed', 'column', 'editorial', 'document', 'documents', 'complaint', 'lawsuit', 'petition', 'press']);

/** Words that end a descriptive prefix before a name ("said Republican consultant Chris Russell"). */
export const STOP_PREFIX: ReadonlySet<string> = new Set(['against', 'in', 'to', 'from', 'of', 'that', 'and', 'or', 'but', 'for', 'with', 'on', 'at', 'by', 'about', 'as', 'if', 'when', 'while', 'after', 'before', 'is', 'was', 'are', 'were', 'be', 'it', 'this', 'which', 'who', 'what', 'there', 'not', 'will', 'would', 'has', 'have', 'had']);

/** Verbs in -s or -ed that never report speech, for the open "“…?” Hannity pressed." rule. */
export const NOT_SPEECH: ReadonlySet<string> = new Set(['is', 'was', 'has', 'does', 'goes', 'seems', 'appears', 'agrees', 'needs', 'wants', 'likes', 'loves', 'hates', 'knows', 'thinks', 'believes', 'feels', 'means', 'his', 'hers', 'its', 'this', 'us', 'yes', 'plus', 'less', 'unless', 'news', 'has', 'years', 'days', 'times', 'others', 'yes']);

/** Cues whose next noun is the one addressed or judged ("told CNN", "called Trump"), never an inverted subject. */
export const OBJECT_CUES = words(`
  tell tells told urge urges urged accuse accuses accused call calls called describe describes described
  praise praises praised blast blasts blasted slam slams slammed criticize criticizes criticized denounce
  denounces denounced condemn condemns condemned label labels labeled labelled dub dubs dubbed inform informs
  informed thank thanks thanked
`);

/** Auxiliaries and modals: a noun right before one is the subject of a clause. */
export const AUXILIARIES = words('is was are were has have had will would could can should may might must does did do');

/** Words right before a quotation that make it a name or a title: "a film titled “…”". */
export const NAMING_WORDS = words('titled entitled nicknamed');

/** Forms of reporting verbs that are also nouns ("a wake-up call", "the key states"). */
export const NOUN_FORMS = words(`
  call calls report reports state states answer answers counter counters claim claims post posts tweet tweets
  note notes remark remarks comment comments warning warnings charge charges promise promises pledge pledges
  vow vows demand demands question questions praise blast blasts joke jokes quip quips caution reply replies
  statement estimate estimates
`);

/** Capitalised common nouns for a party's members: "the Republican said", "one senior Democrat said". */
export const PARTY_MEMBERS = words('Republican Republicans Democrat Democrats Independent Conservative Conservatives Liberal Liberals');
