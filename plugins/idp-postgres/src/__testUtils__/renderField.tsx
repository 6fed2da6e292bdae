import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { useCallback, useState } from 'react';
import { IdpPostgresApi, idpPostgresApiRef } from '../api';

type AnyFieldProps<T> = FieldExtensionComponentProps<T, any>;

/**
 * Renders a scaffolder field the way the scaffolder's form does: controlled
 * by the form's state, with the whole form in `formContext.formData` as the
 * Stepper passes it, and our API behind it. `onChange` records every value.
 */
export async function renderField<T>(
  Field: (props: AnyFieldProps<T>) => JSX.Element | null,
  options: {
    api: IdpPostgresApi;
    schema?: AnyFieldProps<T>['schema'];
    uiOptions?: Record<string, unknown>;
    formData?: T;
    /** The rest of the form, beside this field's property `field`. */
    form?: Record<string, unknown>;
    rawErrors?: string[];
    errorSchema?: AnyFieldProps<T>['errorSchema'];
  },
) {
  const onChange = jest.fn<void, [T | undefined]>();
  function Form() {
    const [value, setValue] = useState<T | undefined>(options.formData);
    // Stable, as the form's own handler behaves for a field's effects.
    const change = useCallback((next: T | undefined) => {
      onChange(next);
      setValue(next);
    }, []);
    return (
      <Field
        name="field"
        schema={options.schema ?? {}}
        uiSchema={{ 'ui:options': options.uiOptions ?? {} }}
        idSchema={{ $id: 'root_field' } as AnyFieldProps<T>['idSchema']}
        formData={value}
        formContext={{ formData: { ...options.form, field: value } }}
        onChange={change}
        onBlur={() => {}}
        onFocus={() => {}}
        disabled={false}
        readonly={false}
        rawErrors={options.rawErrors ?? []}
        errorSchema={options.errorSchema}
        registry={{} as AnyFieldProps<T>['registry']}
      />
    );
  }
  const rendered = await renderInTestApp(
    <TestApiProvider apis={[[idpPostgresApiRef, options.api]]}>
      <Form />
    </TestApiProvider>,
  );
  return { rendered, onChange };
}
