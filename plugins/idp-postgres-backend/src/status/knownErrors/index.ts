import { chartBelow050 } from './chartBelow050';
import { chartValuesRejected } from './chartValuesRejected';
import type { KnownErrorDetector } from './KnownErrorDetector';
import { kubernetesSecretsMissing } from './kubernetesSecretsMissing';
import { missingDefaultPrivileges } from './missingDefaultPrivileges';
import { missingSchemaUsage } from './missingSchemaUsage';
import { missingSequencePrivileges } from './missingSequencePrivileges';
import { missingTablePrivileges } from './missingTablePrivileges';
import { removedButProtected } from './removedButProtected';
import { resourceNotReady } from './resourceNotReady';
import { secretDrift } from './secretDrift';
import { secretScheduledForDeletion } from './secretScheduledForDeletion';
import { sslRequired } from './sslRequired';
import { tableNotOwnedByAdmin } from './tableNotOwnedByAdmin';
import { unprotectedProductionDatabase } from './unprotectedProductionDatabase';

export type {
  KnownErrorDetector,
  KnownErrorFinding,
  PartialStatus,
} from './KnownErrorDetector';

/**
 * Every detector, in the catalogue's order (most blocking first), which is
 * the order the status lists what they find. Catalogue entries without a
 * detector are guidance only: the backend cannot see them (an app's own
 * TLS settings), so people find them by search.
 */
export const KNOWN_ERROR_DETECTORS: readonly KnownErrorDetector[] = [
  removedButProtected,
  chartValuesRejected,
  kubernetesSecretsMissing,
  secretScheduledForDeletion,
  missingSchemaUsage,
  missingTablePrivileges,
  missingSequencePrivileges,
  missingDefaultPrivileges,
  tableNotOwnedByAdmin,
  sslRequired,
  secretDrift,
  resourceNotReady,
  chartBelow050,
  unprotectedProductionDatabase,
];
