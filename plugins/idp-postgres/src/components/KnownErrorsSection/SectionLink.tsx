import Link from '@material-ui/core/Link';
import type { ReactNode } from 'react';
import { scrollToSection } from '../common/scrollToSection';

/**
 * A link to another section of the same database's panel. The hash keeps
 * it a real link (copyable, opens with the middle button); the click
 * scrolls and moves the focus there.
 */
export function SectionLink(props: { to: string; children: ReactNode }) {
  return (
    <Link
      href={`#${props.to}`}
      onClick={(event: { preventDefault: () => void }) => {
        event.preventDefault();
        scrollToSection(props.to);
      }}
    >
      {props.children}
    </Link>
  );
}
