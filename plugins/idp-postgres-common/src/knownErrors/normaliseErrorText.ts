/** Quote characters clients and terminals use around names; all become `"`. */
const QUOTES = /[“”„«»]/g;
const SINGLE_QUOTES = /[‘’`´]/g;

const UUID =
  /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/g;
const IPV4 = /\b\d{1,3}(?:\.\d{1,3}){3}\b/g;
// Candidates only: a time such as 10:15:00 looks alike and is kept below.
const IPV6 = /(?<![\w:])[0-9a-f]{0,4}(?::[0-9a-f]{0,4}){2,7}(?![\w:])/g;
// Only names ending in a suffix hosts use here, so Java classes
// (org.postgresql.util…), files (pg_hba.conf) and versions stay as they are.
const HOST_NAME =
  /\b(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+(?:local|internal|localdomain|svc|lan|com|net|org|io|dk|cloud)\b|\blocalhost\b/g;
const PORT = /(<host>|<ip>)(\]?):\d{1,5}\b/g;
const PORT_WORD = /\bport(=|\s+)\d{1,5}\b/g;
const URL_CREDENTIALS = /\b(postgres(?:ql)?|jdbc:postgresql):\/\/[^\s@/]*@/g;
const KEY_VALUE = /\b(user|dbname|database|host|password)=(?!<)[^\s"',;&]+/g;

// Words after which PostgreSQL, Kubernetes and JSON-schema messages quote a
// name; the name itself says nothing about which known error it is.
const NAMED =
  'user|role|database|relation|table|sequence|schema|column|view|function|secret|secrets|namespace|host|pod|application|volume|property|properties';
const QUOTED_NAME = new RegExp(`\\b(${NAMED})\\s+("[^"\\n]*"|'[^'\\n]*')`, 'g');
// PostgreSQL leaves these unquoted: "permission denied for table orders".
const BARE_NAME =
  /\b(for|of|on)\s+(table|sequence|schema|relation|view|function)\s+(?!<)[a-z_][\w$.]*/g;
const KUBERNETES_NAME =
  /\b(secrets?|pods?|postgresqldatabases?|applications?)\/(?!<)[a-z0-9][a-z0-9.-]*/g;

/**
 * Pasted error text in a form that compares regardless of where it came
 * from: lower case; host names, IPs, ports and UUIDs as `<host>`, `<ip>`,
 * `<port>`, `<uuid>`; names a message quotes (roles, databases, tables,
 * secrets) as `<name>`; credentials in URLs dropped; no quotes; whitespace
 * and line breaks collapsed to single spaces. Catalogue patterns go
 * through the same function, so a pattern may quote an example name.
 *
 * @public
 */
export function normaliseErrorText(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(QUOTES, '"')
      .replace(SINGLE_QUOTES, "'")
      .replace(URL_CREDENTIALS, '$1://<credentials>@')
      .replace(UUID, '<uuid>')
      .replace(IPV4, '<ip>')
      .replace(IPV6, candidate =>
        candidate.includes('::') || candidate.split(':').length === 8
          ? '<ip>'
          : candidate,
      )
      .replace(HOST_NAME, '<host>')
      .replace(PORT, '$1$2:<port>')
      .replace(PORT_WORD, 'port$1<port>')
      .replace(KEY_VALUE, '$1=<name>')
      .replace(QUOTED_NAME, '$1 <name>')
      .replace(BARE_NAME, '$1 $2 <name>')
      .replace(KUBERNETES_NAME, '$1/<name>')
      // Apostrophes go too ("can't" → "cant"), alike on both sides.
      .replace(/["']/g, '')
      .replace(/\s+/g, ' ')
      .trim()
  );
}
