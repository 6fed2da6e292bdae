import { healthyStatus } from '../../__testUtils__/fixtures';
import { DEFAULT_CHOICES } from './RestoreOptionsForm';
import { restoreChoicesFor } from './restoreChoicesFor';

describe('restoreChoicesFor', () => {
  it('keeps the defaults when nothing differs or is scheduled for deletion', () => {
    expect(restoreChoicesFor(healthyStatus(), DEFAULT_CHOICES)).toEqual(
      DEFAULT_CHOICES,
    );
    expect(restoreChoicesFor(undefined, DEFAULT_CHOICES)).toEqual(
      DEFAULT_CHOICES,
    );
  });

  it('overwrites when a password differs, and cancels a scheduled deletion', () => {
    const status = healthyStatus();
    status.roles[1].secretAgreement = {
      state: 'error',
      reason: 'The copies hold different password.',
    };
    status.roles[2].secretsManagerSecret = {
      state: 'error',
      reason: 'Scheduled for deletion.',
      deletionDate: '2026-12-01',
    };
    expect(restoreChoicesFor(status, DEFAULT_CHOICES)).toEqual({
      ...DEFAULT_CHOICES,
      force: true,
      restoreScheduledSecrets: true,
    });
  });

  it('keeps options already chosen and the chosen roles', () => {
    const chosen = {
      ...DEFAULT_CHOICES,
      force: true,
      roles: ['read' as const],
    };
    expect(restoreChoicesFor(healthyStatus(), chosen)).toEqual(chosen);
  });
});
