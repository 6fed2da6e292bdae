import type { ProgressReader } from './ProgressReader';
import type { SecretsForceDeleter } from './SecretsForceDeleter';
import type { WatchStore } from './WatchStore';

/** The services behind the lifecycle routes, made once in plugin.ts. */
export interface LifecycleServices {
  progress: ProgressReader;
  forceDeleter: SecretsForceDeleter;
  watches: WatchStore;
}
