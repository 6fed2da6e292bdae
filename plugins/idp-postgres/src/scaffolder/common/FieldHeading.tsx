import { MarkdownContent } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Divider from '@material-ui/core/Divider';
import Typography from '@material-ui/core/Typography';

/**
 * The title and markdown description of a field made of several inputs,
 * laid out as the scaffolder's own RepoUrlPicker does: the scaffolder's
 * field template shows neither for a custom field.
 */
export function FieldHeading(props: { title?: string; description?: string }) {
  return (
    <>
      {props.title && (
        <Box my={1}>
          <Typography variant="h5">{props.title}</Typography>
          <Divider />
        </Box>
      )}
      {props.description && (
        <Typography variant="body1" component="div">
          <MarkdownContent content={props.description} linkTarget="_blank" />
        </Typography>
      )}
    </>
  );
}
