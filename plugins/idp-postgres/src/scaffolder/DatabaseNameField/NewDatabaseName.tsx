import Grid from '@material-ui/core/Grid';
import TextField from '@material-ui/core/TextField';
import { FieldHeading } from '../common/FieldHeading';
import { CheckNotes } from './CheckNotes';
import { DerivedNames } from './DerivedNames';
import { problemsByInput } from './problemsByInput';
import type { DatabaseNameFieldProps } from './schema';
import { useNewDatabaseCheck } from './useNewDatabaseCheck';

type Input = 'namespace' | 'name';

const DEFAULT_LABELS: Record<Input, string> = {
  namespace: 'Namespace',
  name: 'Database name',
};

/**
 * Naming a new database: namespace and name, what the platform will derive
 * from them, and the checks' verdict at the input it concerns.
 */
export function NewDatabaseName(props: DatabaseNameFieldProps) {
  const { formData, onChange, schema, uiSchema, idSchema } = props;
  const value = {
    namespace: formData?.namespace ?? '',
    name: formData?.name ?? '',
  };
  const state = useNewDatabaseCheck(value);
  const problems = problemsByInput([
    ...state.local,
    ...(state.check?.problems ?? []),
  ]);
  const locked = props.disabled || props.readonly;

  const input = (key: Input) => {
    const { title, description } = propertyTexts(schema, key);
    // A rule's own sentence is clearer than the schema's "must match
    // pattern"; the schema's errors show when no check found the problem.
    const errors = problems[key].length
      ? problems[key]
      : props.errorSchema?.[key]?.__errors ?? [];
    return (
      <TextField
        id={`${idSchema.$id}_${key}`}
        label={title ?? DEFAULT_LABELS[key]}
        value={value[key]}
        onChange={e => onChange({ ...value, [key]: e.target.value })}
        required
        disabled={locked}
        // The template's `ui:autofocus`, passed on as the scaffolder's own
        // fields do; the template puts it on the form's first input only.
        inputProps={{
          autoFocus: key === 'namespace' && Boolean(uiSchema['ui:autofocus']),
        }}
        error={errors.length > 0}
        helperText={errors.length ? errors.join(' ') : description}
        fullWidth
        margin="normal"
      />
    );
  };

  return (
    <>
      <FieldHeading
        title={schema.title}
        description={uiSchema['ui:description'] ?? schema.description}
      />
      <Grid container spacing={2}>
        <Grid item xs={12} sm={6}>
          {input('namespace')}
        </Grid>
        <Grid item xs={12} sm={6}>
          {input('name')}
        </Grid>
      </Grid>
      {value.namespace && value.name && <DerivedNames dbRef={value} />}
      <CheckNotes state={state} otherProblems={problems.other} />
    </>
  );
}

/** The template's title and description of one input, when it gives them. */
function propertyTexts(
  schema: DatabaseNameFieldProps['schema'],
  key: Input,
): { title?: string; description?: string } {
  const property = schema.properties?.[key];
  return typeof property === 'object' ? property : {};
}
