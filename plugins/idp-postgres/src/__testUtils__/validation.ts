import type { CustomFieldValidator } from '@backstage/plugin-scaffolder-react';
import { TestApiRegistry } from '@backstage/test-utils';
import { IdpPostgresApi, idpPostgresApiRef } from '../api';

type Context = Parameters<CustomFieldValidator<unknown, any>>[2];

/**
 * Runs a field's validation as the scaffolder does on Next: with a fresh
 * flat FieldValidation (what scaffolder-react's createFieldValidation
 * makes), the whole form and the app's APIs; without `api`, the app has no
 * idp-postgres API. Returns the errors added.
 */
export async function runValidation<T, O>(
  validator: CustomFieldValidator<T, O>,
  value: T,
  options: {
    api?: IdpPostgresApi;
    form?: Record<string, unknown>;
    uiOptions?: O;
  } = {},
): Promise<string[]> {
  const errors: string[] = [];
  const validation = {
    __errors: errors,
    addError: (message: string) => {
      errors.push(message);
    },
  };
  const apiHolder = options.api
    ? TestApiRegistry.from([idpPostgresApiRef, options.api])
    : TestApiRegistry.from();
  const context: Context = {
    apiHolder,
    formData: (options.form ?? {}) as Context['formData'],
    schema: {},
    uiSchema: { 'ui:options': options.uiOptions ?? {} },
  };
  await validator(
    value,
    validation as Parameters<CustomFieldValidator<T, O>>[1],
    context as Parameters<CustomFieldValidator<T, O>>[2],
  );
  return errors;
}
