/**
 * Passwords attackers try first. The base entries are the heads of the
 * well-known breach-derived lists (RockYou, SecLists' top lists, NCSC's
 * top-100k, yearly "worst passwords" reports); the rest are generated the way
 * cracking rules generate them, because our policy demands an upper-case
 * letter and a digit and people comply with "Password1" or "Summer2024!".
 * Everything is stored lower-cased: the check is case-insensitive.
 */

// Entries that are mostly digits or keyboard walks; used as given.
const SEQUENCES = `
123456 123456789 12345678 12345 1234567 1234567890 1234 111111 000000 123123
654321 666666 121212 112233 123321 7777777 555555 11111111 987654321 88888888
99999999 00000000 12341234 147258369 159753 147258 741852963 159357 789456 789456123
456789 123654 102030 101010 131313 696969 112211 520520 5201314 11223344
1q2w3e 1q2w3e4r 1q2w3e4r5t 1q2w3e4r5t6y 1qaz2wsx 1qazxsw2 zaq12wsx zaq1zaq1 !qaz2wsx q1w2e3r4
q1w2e3r4t5 q1w2e3r4t5y6 qwe123 qwe123qwe 123qwe 1234qwer qwer1234 qwerty123 qwerty1 asd123
abc123 abcd1234 a123456 123abc aa123456 a1b2c3 a1b2c3d4 1a2b3c 1qa2ws3ed abc12345
qwerty qwertyuiop qwertyu qwert asdfgh asdfghjkl asdf zxcvbnm zxcvbn qazwsx
qweasd qweasdzxc azerty azertyuiop qwertz qwertzuiop 1qaz 2wsx 3edc 4rfv
!@#$%^&* !@#$%^ 1234!@#$ qwer!@#$ zxcv1234 asdf1234 1234asdf 1234zxcv 1qaz!qaz 123456a
123456q 123456789a 12qwaszx 1password password1! p@ssw0rd p@ssword passw0rd pa55word
pa$$w0rd p4ssw0rd 1qw23e 12qw34er q12345 a12345 a1234567 abc123456 1111aaaa
`;

// Words, names and phrases; each also yields suffixed variants below.
const WORDS = `
password passwort passwd pass admin administrator root toor login master hello welcome
letmein iloveyou monkey dragon football baseball basketball soccer hockey golf tennis
sunshine princess shadow superman batman spiderman ironman wolverine starwars startrek
pokemon pikachu computer internet secret access flower mustang harley ranger killer
trustno whatever freedom nothing unknown changeme default guest test testing tester demo
user temp temporary sample example qwerty letmeinnow welcometo iloveu loveme lovely love
lover babygirl baby sweety sweetheart honey angel angels heaven jesus christ blessed
family friends forever united michael jennifer jessica ashley charlie daniel thomas jordan
hunter buster tigger pepper ginger cookie cheese chocolate summer winter spring autumn
fall january february march april june july august september october november december
monday tuesday wednesday thursday friday saturday sunday andrew joshua matthew robert
william michelle nicole hannah amanda samantha taylor austin justin jason jackson james
john david richard joseph charles christopher anthony mark steven paul kevin brian george
edward ronald timothy mary patricia linda barbara elizabeth susan sarah karen nancy lisa
betty margaret sandra emily emma olivia sophia isabella madison abigail chloe victoria
alexander alexandra benjamin nicholas jonathan tyler brandon zachary ryan jacob ethan
liverpool chelsea arsenal manchester barcelona madrid juventus yankees cowboys eagles
lakers steelers packers patriots redsox maggie bailey buddy lucky daisy molly sophie
chester rocky bandit merlin phoenix matrix guitar music orange banana apple purple
yellow silver golden diamond dolphin tiger eagle falcon cheyenne cocacola pepsi nintendo
playstation xbox minecraft fortnite roblox google facebook youtube twitter linkedin
instagram microsoft samsung iphone android windows linux ubuntu oracle mysql postgres
london paris berlin tokyo newyork chicago boston dallas florida texas california canada
america england germany france italy spain india china mexico australia brazil russia
qazwsx asdfgh zxcvbn abcdef abcdefg abcdefgh abcde alpha beta gamma delta omega
zeus thor odin loki hermes apollo athena nemesis titan legend hero warrior ninja samurai
pirate viking wizard gandalf hobbit frodo potter hogwarts voldemort dracula vampire zombie
monster hacker cyber security secure private office business company service support
money dollar bitcoin crypto gold cash rich million winner champion success victory
power energy rocket galaxy planet universe cosmos star sun moon sky ocean river mountain
forest nature garden summertime holiday vacation beach island paradise sunset sunrise
coffee pizza burger chicken pasta sushi taco bacon butter sugar candy cupcake muffin
kitty kitten puppy doggy doggie bunny panda bear lion wolf fox horse pony unicorn dragonfly
butterfly ladybug spider snake shark whale dolphins penguin turtle monkey1 donkey
ferrari porsche mercedes bmw audi toyota honda nissan ford chevy corvette camaro
jordan23 kobe lebron messi ronaldo neymar beckham jordan1 tigers rangers giants bulls
celtic rangers1 united1 matrix1 cookie1 hello1 charlie1 killer1 secret1 welcome1 master1
qwerty12 football1 baseball1 superman1 iloveyou1 princess1 sunshine1 dragon1 monkey12
letmein1 trustno1 access14 batman1 shadow1 michael1 jessica1 password12 admin1 root1
asdfghjk poiuytrewq mnbvcxz lkjhgfdsa ytrewq tinkerbell bubbles snoopy scooby garfield
mickey minnie donald goofy simba nemo elmo barbie kenny cartman homer bart simpson
catalytic lattice
`;

const SUFFIXES = words('1 12 123 1234 12345 123456 ! 1! 12! 123! @ # 01 007 69 99 00');
// "Summer2024", "January2023!": the shape that a yearly password-change rule produces.
const DATED_WORDS = words(`
summer winter spring autumn fall january february march april may june july august
september october november december welcome password
`);
const FIRST_YEAR = 1990;
const LAST_YEAR = 2030;

function words(list: string): string[] {
  return list.split(/\s+/).filter((word) => word.length > 0);
}

function build(): { all: Set<string>; bases: Set<string> } {
  const bases = new Set(words(WORDS));
  const all = new Set([...words(SEQUENCES), ...bases]);
  for (const word of bases) {
    // Cracking rules append to words; a suffix on "123456" is just a longer number.
    if (!/^[a-z]+$/.test(word)) continue;
    for (const suffix of SUFFIXES) all.add(word + suffix);
  }
  for (const word of DATED_WORDS) {
    for (let year = FIRST_YEAR; year <= LAST_YEAR; year += 1) {
      for (const date of [String(year), String(year % 100).padStart(2, '0')]) {
        all.add(word + date);
        all.add(`${word}${date}!`);
      }
    }
  }
  return { all, bases };
}

const BUILT = build();

/** The full list, lower-cased: base words, sequences and generated variants. */
export const COMMON_PASSWORDS: ReadonlySet<string> = BUILT.all;

const LEET: Readonly<Record<string, string>> = {
  '@': 'a',
  '4': 'a',
  '0': 'o',
  '3': 'e',
  '1': 'i',
  '!': 'i',
  $: 's',
  '5': 's',
  '7': 't',
};

// Substitutions a human makes; '1' stands for both 'i' and 'l', so both readings are tried.
function unLeet(stem: string): string[] {
  const asI = stem.replace(/[@40315$7!]/g, (char) => LEET[char]);
  const asL = stem.replace(/[@40315$7!]/g, (char) => (char === '1' ? 'l' : LEET[char]));
  return asI === asL ? [asI] : [asI, asL];
}

/**
 * Whether `password` is a common password or a trivial dressing-up of a common
 * word: case changes, digits or symbols before or after it, leetspeak
 * ("P@ssw0rd2024!"). The input is compared lower-cased.
 */
export function isCommonPassword(password: string): boolean {
  const lower = password.toLowerCase();
  if (COMMON_PASSWORDS.has(lower)) return true;
  const stem = lower.replace(/^[^a-z@$]+/, '').replace(/[^a-z]+$/, '');
  if (stem.length < 4) return false;
  return unLeet(stem).some((candidate) => BUILT.bases.has(candidate));
}
