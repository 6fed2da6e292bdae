import type { CustomFieldValidator } from '@backstage/plugin-scaffolder-react';
import {
  DatabaseRef,
  databaseRefProblems,
  formatDatabaseRef,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';
import { IdpPostgresApi, idpPostgresApiRef } from '../../api';
import { pickableDatabases, sameDatabase } from './pickableDatabases';
import {
  DEFAULT_PICKABLE_LIFECYCLES,
  DatabaseNameUiOptions,
  DatabaseNameValue,
} from './schema';

type Validator = CustomFieldValidator<DatabaseNameValue, DatabaseNameUiOptions>;
type FieldValidation = Parameters<Validator>[1];

/**
 * Runs when the user presses Next or Review, so nothing refused reaches the
 * action. The scaffolder hands custom fields one flat FieldValidation for
 * the whole value (no child per property, and only its own errors stop the
 * step), so every error goes there; each message names the input it is
 * about, and the inputs show the same problems as the user types.
 *
 * A backend that cannot be reached does not block: the action checks again.
 */
export const validateDatabaseName: Validator = async (
  value,
  validation,
  context,
) => {
  const ref = {
    namespace: value?.namespace ?? '',
    name: value?.name ?? '',
  };
  const api = context.apiHolder.get(idpPostgresApiRef);
  const options: DatabaseNameUiOptions = context.uiSchema?.['ui:options'] ?? {};
  if (options.existing) {
    await validateExisting(ref, options, api, validation);
  } else {
    await validateNew(ref, api, validation);
  }
};

async function validateNew(
  ref: DatabaseRef,
  api: IdpPostgresApi | undefined,
  validation: FieldValidation,
) {
  const local = databaseRefProblems(ref);
  local.forEach(problem => validation.addError(problem.message));
  if (local.length > 0 || !api) return;
  const check = await api.checkNewDatabase(ref).catch(() => undefined);
  check?.problems.forEach(problem => validation.addError(problem.message));
  if (check && !check.allowed && check.problems.length === 0) {
    validation.addError(
      `Database ${formatDatabaseRef(
        ref,
      )} cannot be created; the backend gave no reason.`,
    );
  }
}

async function validateExisting(
  ref: DatabaseRef,
  options: DatabaseNameUiOptions,
  api: IdpPostgresApi | undefined,
  validation: FieldValidation,
) {
  if (!ref.namespace || !ref.name) {
    validation.addError('Choose a database.');
    return;
  }
  if (!api) return;
  const lifecycles = options.lifecycles ?? DEFAULT_PICKABLE_LIFECYCLES;
  const inventory = await api.getInventory().catch(() => undefined);
  if (!inventory) return;
  const offered = pickableDatabases(inventory, lifecycles);
  if (!offered.some(db => sameDatabase(db, ref))) {
    validation.addError(
      `Database ${formatDatabaseRef(
        ref,
      )} is not one you may act on here (${lifecycles.join(
        ' or ',
      )}); choose one from the list.`,
    );
  }
}
