import type { CustomFieldValidator } from '@backstage/plugin-scaffolder-react';
import { idpPostgresApiRef } from '../../api';
import { databaseInForm } from './databaseInForm';
import {
  isProductionDatabase,
  productionProtectionMessage,
} from './productionNamespace';
import type { DeletionProtectionUiOptions } from './schema';

/**
 * Refuses an unprotected database in a production namespace when the user
 * presses Next or Review. The checkbox is never `required` in the browser:
 * its "Please check this box" would be the only message, and say nothing
 * about why.
 */
export const validateDeletionProtection: CustomFieldValidator<
  boolean,
  DeletionProtectionUiOptions
> = async (value, validation, context) => {
  if (value === true) return;
  const options: DeletionProtectionUiOptions =
    context.uiSchema?.['ui:options'] ?? {};
  const { namespace, name } = databaseInForm(
    context.formData,
    options.databaseField,
  );
  if (!namespace) return;
  const api = context.apiHolder.get(idpPostgresApiRef);
  if (await isProductionDatabase(api, { namespace, name })) {
    validation.addError(productionProtectionMessage(namespace));
  }
};
