export interface Config {
  idpPostgres?: {
    /**
     * The idp-sandbox inside a dev backend (development only; never in
     * production).
     */
    sandbox?: {
      /**
       * Start the sandbox with the dev backend, and let it play GitHub for the
       * apps repo. Defaults to false.
       */
      enabled?: boolean;
      /**
       * State folder, relative to the repository root; defaults to
       * `.sandbox/` there. `yarn sandbox` uses it too.
       */
      stateDir?: string;
      /**
       * The GitHub repository the local apps repo stands in for: URLs under it
       * are read from the local repo. Defaults to `https://github.com/jppol-idp/apps`.
       */
      appsRepoUrl?: string;
      /**
       * Fixed loopback ports, also used by `yarn sandbox start`. A taken port
       * fails the start; left out (or 0): the previous run's, or any free port.
       */
      ports?: {
        postgres?: number;
        kubernetes?: number;
        secretsManager?: number;
      };
      /**
       * A fixed bearer token for the Kubernetes emulator, so the dev config can
       * name it. A well-known development value, not a secret.
       */
      kubernetesToken?: string;
      publisher?: {
        /** Merge each local pull request at once; defaults to true. */
        autoMerge?: boolean;
      };
    };
  };
}
