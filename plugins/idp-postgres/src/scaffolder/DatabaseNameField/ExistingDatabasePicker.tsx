import type { InventoryDatabase } from '@jppol-idp/backstage-plugin-idp-postgres-common';
import { formatDatabaseRef } from '@jppol-idp/backstage-plugin-idp-postgres-common';
import { parseEntityRef } from '@backstage/catalog-model';
import {
  CatalogAutocomplete,
  humanizeEntityRef,
} from '@backstage/plugin-catalog-react';
import { ScaffolderField } from '@backstage/plugin-scaffolder-react/alpha';
import Typography from '@material-ui/core/Typography';
import { FieldNote } from '../common/FieldNote';
import { sameDatabase } from './pickableDatabases';
import {
  DEFAULT_PICKABLE_LIFECYCLES,
  DatabaseNameFieldProps,
  DatabaseNameUiOptions,
} from './schema';
import { useInventoryDatabases } from './useInventoryDatabases';

/**
 * Picking a database the platform already has, for templates that act on
 * one (connect an app, protect, remove). Only databases the user may read
 * and in the lifecycles the template names are offered.
 */
export function ExistingDatabasePicker(props: DatabaseNameFieldProps) {
  const { formData, onChange, schema, uiSchema, idSchema, rawErrors } = props;
  const options: DatabaseNameUiOptions = uiSchema['ui:options'] ?? {};
  const lifecycles = options.lifecycles ?? DEFAULT_PICKABLE_LIFECYCLES;
  const {
    value: databases,
    loading,
    error,
  } = useInventoryDatabases(lifecycles);
  const selected =
    formData?.namespace && formData.name
      ? databases?.find(db =>
          sameDatabase(db, {
            namespace: formData.namespace,
            name: formData.name,
          }),
        ) ?? null
      : null;
  const none = !loading && !error && databases?.length === 0;

  return (
    <ScaffolderField
      rawDescription={uiSchema['ui:description'] ?? schema.description}
      rawErrors={rawErrors}
      required={props.required}
      disabled={props.disabled}
    >
      <CatalogAutocomplete<InventoryDatabase>
        name="idp-postgres-database"
        id={idSchema.$id}
        label={schema.title ?? 'Database'}
        options={databases ?? []}
        value={selected}
        loading={loading}
        disabled={props.disabled || props.readonly || none || Boolean(error)}
        onChange={(_event, db) =>
          onChange(db ? { namespace: db.namespace, name: db.name } : undefined)
        }
        getOptionLabel={formatDatabaseRef}
        getOptionSelected={sameDatabase}
        renderOption={db => <DatabaseOption db={db} />}
        noOptionsText="No database matches"
        TextFieldProps={{
          placeholder: loading ? 'Loading databases…' : 'namespace/name',
          error: (rawErrors?.length ?? 0) > 0,
        }}
      />
      {none && (
        <FieldNote severity="info">
          There are no databases you may act on ({lifecycles.join(' or ')}).
        </FieldNote>
      )}
      {error && (
        <FieldNote severity="error">
          Could not load the databases: {error.message}
        </FieldNote>
      )}
    </ScaffolderField>
  );
}

/** One option: the reference, then where it stands and who owns it. */
function DatabaseOption(props: { db: InventoryDatabase }) {
  const { db } = props;
  return (
    <div>
      <Typography variant="body1">{formatDatabaseRef(db)}</Typography>
      <Typography variant="body2" color="textSecondary">
        {db.lifecycle} · {ownerText(db)}
      </Typography>
    </div>
  );
}

function ownerText(db: InventoryDatabase): string {
  if (!db.owner) return 'no owner recorded';
  try {
    return `owned by ${humanizeEntityRef(parseEntityRef(db.owner.entityRef), {
      defaultKind: 'group',
    })}`;
  } catch {
    // An owner the inventory could not normalise is still worth showing.
    return `owned by ${db.owner.entityRef}`;
  }
}
