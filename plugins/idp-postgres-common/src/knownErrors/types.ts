/**
 * How to fix a known error: steps for a person, and where SQL or a command
 * applies, the text to run. Placeholders in braces (`{namespace}`,
 * `{database}`, `{role}`, `{secretId}` in commands; `{namespace}` and
 * `{database}` in steps) are filled in when the error is detected for a
 * concrete database.
 *
 * @public
 */
export interface KnownErrorFix {
  steps: string[];
  /** SQL or shell commands, when the fix is one. */
  commands?: string[];
  /** The backend action that fixes it, when there is one. */
  action?: 'apply-grants' | 'restore-secrets';
  /**
   * Where the fix is done, when that is elsewhere in Backstage or the apps
   * repo: a template prefilled for this database (an app path) or the
   * values file to edit (a URL). Only on detected errors.
   */
  link?: KnownErrorFixLink;
}

/** A link a fix leads to, with the words for it. @public */
export interface KnownErrorFixLink {
  /** E.g. "Re-add the definition (Create PostgreSQL database)". */
  title: string;
  /** An app path such as `/create/templates/default/…`, or a URL. */
  url: string;
}

/**
 * A problem people run into with IDP PostgreSQL databases, as data: the API
 * detects it and the UI renders it.
 *
 * @public
 */
export interface KnownError {
  /** Stable id, kebab-case; part of the public interface. */
  id: string;
  title: string;
  /** How the backend (or a person) recognises it. */
  detection: string;
  /** The root cause in one sentence. */
  cause: string;
  fix: KnownErrorFix;
  /** The error message people see, when there is one; shown as the entry's message. */
  message?: string;
  /**
   * Other phrasings of the error as clients, kubectl and ArgoCD print them,
   * written as they appear (quotes included). `…` stands for any short text,
   * such as a name the message quotes. Pasted text is matched against these
   * and `message` by {@link matchKnownErrors}.
   */
  patterns?: string[];
}

/**
 * A known error found for one database, with what was seen and the fix made
 * concrete (for grants: the exact SQL).
 *
 * @public
 */
export interface DetectedKnownError {
  id: string;
  title: string;
  cause: string;
  /** What was seen for this database, e.g. which role and secret. */
  detail: string;
  fix: KnownErrorFix;
  /**
   * The id of another error found for this database that causes this one:
   * this one is a consequence, shown folded under its cause so the cause
   * is shown once. Absent for a cause or an error of its own.
   */
  causedBy?: string;
}
