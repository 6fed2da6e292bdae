import { errorApiRef, useApi } from '@backstage/core-plugin-api';
import IconButton from '@material-ui/core/IconButton';
import Tooltip from '@material-ui/core/Tooltip';
import CheckIcon from '@material-ui/icons/Check';
import CopyIcon from '@material-ui/icons/FileCopyOutlined';
import { useEffect, useState } from 'react';
import { visuallyHidden } from './visuallyHidden';

/** How long the "Copied" confirmation stays. */
const CONFIRMATION_MS = 2000;

/**
 * Copies a text to the clipboard. The label names what is copied, so a
 * screen reader user hears "Copy Helm env block" rather than "Copy".
 */
export function CopyButton(props: { text: string; label: string }) {
  const { text, label } = props;
  const errorApi = useApi(errorApiRef);
  const [copied, setCopied] = useState(false);

  useEffect(() => {
    if (!copied) return undefined;
    const timer = setTimeout(() => setCopied(false), CONFIRMATION_MS);
    return () => clearTimeout(timer);
  }, [copied]);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
    } catch (error) {
      // Browsers refuse clipboard access outside secure contexts.
      errorApi.post(new Error(`Could not copy ${label}: ${error}`));
    }
  };

  return (
    <Tooltip title={copied ? 'Copied' : `Copy ${label}`}>
      <IconButton size="small" aria-label={`Copy ${label}`} onClick={copy}>
        {copied ? (
          <CheckIcon fontSize="small" />
        ) : (
          <CopyIcon fontSize="small" />
        )}
        <span role="status" aria-live="polite" style={visuallyHidden}>
          {copied ? `${label} copied` : ''}
        </span>
      </IconButton>
    </Tooltip>
  );
}
