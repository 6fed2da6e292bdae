import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';
import { UI_TIMEOUT_MS } from './__testUtils__/timeouts';

// The machine's 2 cores are shared: a loaded run renders several times
// slower, and a findBy… or waitFor past its 1 s default failed a run that
// would have passed. Waiting longer changes no assertion; a real failure
// still fails.
configure({ asyncUtilTimeout: UI_TIMEOUT_MS });
// A test must outlive its longest wait, or Jest's 5 s default ends it
// while a 5 s wait is still running.
jest.setTimeout(6 * UI_TIMEOUT_MS);
