import type {
  DatabaseRole,
  DatabaseStatus,
  DetectedKnownError,
  KnownErrorFixLink,
  StatusHeadline,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import type { DatabaseFacts } from '../facts';

/** The checks already judged, which detectors read beside the raw facts. */
export type PartialStatus = Pick<
  DatabaseStatus,
  'resource' | 'roles' | 'grants'
>;

/**
 * What a detector saw for one database. The catalogue entry supplies the
 * title, cause and fix; a finding only says what is specific to this
 * database.
 */
export interface KnownErrorFinding {
  /** What was seen, e.g. which secrets and since when. */
  detail: string;
  /** The roles the entry's `{role}` and `{secretId}` commands expand for. */
  roles?: DatabaseRole[];
  /** Replaces the entry's commands when this database needs exact ones (the grant SQL). */
  commands?: string[];
  /** Replaces the entry's steps when what was seen narrows them down. */
  steps?: string[];
  /** Where the fix is done, when it is a template or a file elsewhere. */
  link?: KnownErrorFixLink;
}

/**
 * Recognises one catalogue entry in the facts of a database, like the
 * Kubernetes plugin's error mappers: the entry is data in common, the
 * detector the rule that raises it.
 */
export interface KnownErrorDetector {
  /** The catalogue id it raises. */
  id: string;
  /** Undefined when the error is not there. */
  detect(
    facts: DatabaseFacts,
    status: PartialStatus,
  ): KnownErrorFinding | undefined;
  /**
   * Ids of errors that follow from this one when both are found (a removed
   * definition leaves the Kubernetes secrets missing): they are shown
   * folded under it, so the cause is shown once.
   */
  consequences?: readonly string[];
  /**
   * The verdict when this error is the first cause found (in
   * `HEADLINE_ORDER`): a sentence naming the cause and the one next action.
   */
  headline?(
    found: DetectedKnownError,
    facts: DatabaseFacts,
    status: PartialStatus,
  ): StatusHeadline;
}
