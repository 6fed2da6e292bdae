import Box from '@material-ui/core/Box';
import Tab from '@material-ui/core/Tab';
import Tabs from '@material-ui/core/Tabs';
import { ReactNode, useId, useState } from 'react';

/** One tab of the Connect card. */
export interface ConnectTab {
  key: string;
  label: string;
  content: ReactNode;
}

/**
 * The ways to connect as tabs, so the card is as tall as one of them; the
 * first is open. The other panels stay in the page, hidden, so the
 * browser's search and links to their labels still find them.
 */
export function ConnectTabs(props: { tabs: ConnectTab[] }) {
  const { tabs } = props;
  const [tab, setTab] = useState(tabs[0]?.key);
  const id = useId();
  return (
    <>
      <Tabs
        value={tab}
        onChange={(_, value: string) => setTab(value)}
        indicatorColor="primary"
        textColor="primary"
        variant="scrollable"
        scrollButtons="auto"
        aria-label="How to connect"
      >
        {tabs.map(t => (
          <Tab
            key={t.key}
            value={t.key}
            label={t.label}
            id={`${id}-${t.key}-tab`}
            aria-controls={`${id}-${t.key}-panel`}
          />
        ))}
      </Tabs>
      {tabs.map(t => (
        <Box
          key={t.key}
          role="tabpanel"
          id={`${id}-${t.key}-panel`}
          aria-labelledby={`${id}-${t.key}-tab`}
          hidden={tab !== t.key}
          pt={2}
        >
          {t.content}
        </Box>
      ))}
    </>
  );
}
