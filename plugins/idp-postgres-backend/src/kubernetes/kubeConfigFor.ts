import { KubeConfig } from '@kubernetes/client-node';
import type { ClusterConfig } from '../config/pluginConfig';

/** A client-node KubeConfig for one configured cluster's access mode. */
export function kubeConfigFor(cluster: ClusterConfig): KubeConfig {
  const kc = new KubeConfig();
  const access = cluster.kubernetes;
  switch (access.auth) {
    case 'inCluster':
      kc.loadFromCluster();
      break;
    case 'kubeconfig':
      kc.loadFromDefault();
      if (access.context) {
        kc.setCurrentContext(access.context);
      }
      break;
    default:
      kc.loadFromOptions({
        clusters: [
          {
            name: cluster.name,
            server: access.url,
            caFile: access.caFile,
            skipTLSVerify: access.skipTLSVerify,
          },
        ],
        users: [{ name: cluster.name, token: access.token }],
        contexts: [
          { name: cluster.name, cluster: cluster.name, user: cluster.name },
        ],
        currentContext: cluster.name,
      });
  }
  return kc;
}
