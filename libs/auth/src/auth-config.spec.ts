import { ConfigError } from '@orderhub/common';
import { loadAuthOptions } from './auth-config';

const HOUR = 3_600_000;

describe('loadAuthOptions', () => {
  it('defaults to 12 h idle, 7 days absolute, 10 failures per account and 30 per address in 15 minutes', () => {
    expect(loadAuthOptions({})).toEqual({
      session: { idleMs: 12 * HOUR, absoluteMs: 168 * HOUR },
      loginLimits: { perAccount: { max: 10, windowMs: 900_000 }, perIp: { max: 30, windowMs: 900_000 } },
    });
  });

  it('reads HUB_SESSION_TTL_HOURS and HUB_SESSION_MAX_HOURS', () => {
    expect(loadAuthOptions({ HUB_SESSION_TTL_HOURS: '1.5', HUB_SESSION_MAX_HOURS: '24' }).session).toEqual({
      idleMs: 1.5 * HOUR,
      absoluteMs: 24 * HOUR,
    });
  });

  it('refuses bad values and names the variable', () => {
    expect(() => loadAuthOptions({ HUB_SESSION_TTL_HOURS: 'soon' })).toThrow(ConfigError);
    expect(() => loadAuthOptions({ HUB_SESSION_TTL_HOURS: '0' })).toThrow(/HUB_SESSION_TTL_HOURS/);
    expect(() => loadAuthOptions({ HUB_SESSION_TTL_HOURS: '48', HUB_SESSION_MAX_HOURS: '24' })).toThrow(/HUB_SESSION_MAX_HOURS/);
  });
});
