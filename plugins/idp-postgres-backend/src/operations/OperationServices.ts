import type { AuditorService } from '@backstage/backend-plugin-api';
import type { DatabaseAuthorizer } from '../access/DatabaseAuthorizer';
import type { RestoreService } from '../restore/RestoreService';
import type { GrantService } from '../service/GrantService';
import type { StatusService } from '../status/StatusService';

/**
 * What the changing operations need, shared by the router and the actions:
 * the same instances, so a change made through one (`status.forget`) is
 * seen by the other.
 */
export interface OperationServices {
  auditor: AuditorService;
  access: DatabaseAuthorizer;
  grants: GrantService;
  restore: RestoreService;
  status: StatusService;
}
