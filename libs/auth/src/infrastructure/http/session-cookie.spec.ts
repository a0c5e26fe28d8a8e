import { readCookie } from './session-cookie';

describe('readCookie', () => {
  it('finds one cookie among several, exactly by name', () => {
    expect(readCookie('a=1; orderhub_session=tok; b=2', 'orderhub_session')).toBe('tok');
    expect(readCookie('x_orderhub_session=no; orderhub_session=yes', 'orderhub_session')).toBe('yes');
    expect(readCookie('a=1', 'orderhub_session')).toBeUndefined();
    expect(readCookie(undefined, 'orderhub_session')).toBeUndefined();
    expect(readCookie('orderhub_session=%E0%A4%A', 'orderhub_session')).toBeUndefined();
  });
});
