import { ScaffolderField } from '@backstage/plugin-scaffolder-react/alpha';
import Checkbox from '@material-ui/core/Checkbox';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import { useEffect, useId } from 'react';
import { FieldNote } from '../common/FieldNote';
import { databaseInForm } from './databaseInForm';
import { productionProtectionMessage } from './productionNamespace';
import type {
  DeletionProtectionFieldProps,
  DeletionProtectionUiOptions,
} from './schema';
import { useProductionNamespace } from './useProductionNamespace';

/**
 * The scaffolder field `IdpPostgresDeletionProtection`: a checkbox that says,
 * next to it, when the form's namespace requires it. The scaffolder's
 * Stepper passes the whole form in `formContext.formData`.
 */
export function DeletionProtectionField(props: DeletionProtectionFieldProps) {
  const { formData, onChange, schema, uiSchema, idSchema } = props;
  const options: DeletionProtectionUiOptions = uiSchema['ui:options'] ?? {};
  const database = databaseInForm(
    props.formContext?.formData,
    options.databaseField,
  );
  const production = useProductionNamespace(database);
  const noteId = useId();

  // The scaffolder validates only properties present in the form data, so
  // an untouched box gets a value: its validation must run in production.
  useEffect(() => {
    if (formData === undefined) onChange(false);
  }, [formData, onChange]);

  const note =
    production && database.namespace ? (
      <FieldNote id={noteId} severity={formData ? 'ok' : 'warning'}>
        {productionProtectionMessage(database.namespace)}
      </FieldNote>
    ) : undefined;

  return (
    <ScaffolderField
      rawDescription={uiSchema['ui:description'] ?? schema.description}
      rawErrors={props.rawErrors}
      disabled={props.disabled}
      help={note}
    >
      <FormControlLabel
        label={schema.title ?? 'Deletion protection'}
        control={
          <Checkbox
            id={idSchema.$id}
            checked={formData === true}
            onChange={e => onChange(e.target.checked)}
            disabled={props.disabled || props.readonly}
            color="primary"
            inputProps={{ 'aria-describedby': note ? noteId : undefined }}
          />
        }
      />
    </ScaffolderField>
  );
}
