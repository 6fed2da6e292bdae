import type { RestorePlanItem } from '@jppol-idp/backstage-plugin-idp-postgres-common';
import Typography from '@material-ui/core/Typography';
import { cancelsDeletion, changesSomething, writtenKind } from './restoreWords';

/** What the write does, naming the kind written and where the value comes from. */
function WriteWords(props: { item: RestorePlanItem; from: string }) {
  const { item, from } = props;
  const verb = item.action === 'create' ? 'create' : 'overwrite';
  if (writtenKind(item) === 'ExternalSecret') {
    return (
      <>
        {verb} ExternalSecret <code>{item.secretName}</code>, from which the
        External Secrets Operator makes Secret <code>{item.secretName}</code>{' '}
        {from}
      </>
    );
  }
  return (
    <>
      {verb} Secret <code>{item.secretName}</code> {from}
    </>
  );
}

/** One item's line: the Secrets Manager step first, as the backend runs it. */
function ItemLine(props: { item: RestorePlanItem }) {
  const { item } = props;
  if (!cancelsDeletion(item)) {
    return <WriteWords item={item} from={`from ${item.secretsManagerName}`} />;
  }
  const cancel = (
    <>
      cancel the scheduled deletion of Secrets Manager secret{' '}
      <code>{item.secretsManagerName}</code>
    </>
  );
  if (!writtenKind(item)) {
    return (
      <>
        {cancel}; Kubernetes secret <code>{item.secretName}</code> exists and is
        left alone
      </>
    );
  }
  return (
    <>
      {cancel}, then <WriteWords item={item} from="from it" />
      {item.action === 'overwrite' && ' if it differs'}
    </>
  );
}

/**
 * The confirmation's body: every change the restore makes, in the order it
 * makes them, so nobody cancels a deletion without having read so.
 */
export function RestoreConfirmation(props: {
  namespace: string;
  items: RestorePlanItem[];
}) {
  const changes = props.items.filter(changesSomething);
  const cancelled = changes.filter(cancelsDeletion).length;
  return (
    <Typography variant="body2" component="div">
      In namespace {props.namespace} this will:
      <ul>
        {changes.map(i => (
          <li key={i.role}>
            <ItemLine item={i} />
          </li>
        ))}
      </ul>
      {cancelled > 0 && (
        <Typography variant="body2" paragraph>
          A cancelled deletion keeps the Secrets Manager secret for good; it has
          to be scheduled for deletion again if it was meant to go.
        </Typography>
      )}
      Apps using these secrets pick them up when they restart.
    </Typography>
  );
}
