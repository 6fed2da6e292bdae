/** When something was checked, readable and machine-readable. */
export function CheckedAt(props: { at: string }) {
  const date = new Date(props.at);
  const text = Number.isNaN(date.getTime())
    ? props.at
    : date.toLocaleString('en-GB', {
        dateStyle: 'medium',
        timeStyle: 'medium',
      });
  return (
    <>
      Checked <time dateTime={props.at}>{text}</time>
    </>
  );
}
