import { ConfigError } from './config';
import { loadHubConfig } from './hub-config';

describe('hub configuration', () => {
  it('runs on embedded defaults with no environment at all', () => {
    const config = loadHubConfig({});
    expect(config).toMatchObject({
      PORT: 3000,
      embeddedDatabase: true,
      embeddedBus: true,
      demo: true,
      HUB_ISA_QUALIFIER: 'ZZ',
      HUB_ISA_ID: 'ORDERHUB',
    });
  });

  it('turns demo data off by default when a real database is configured', () => {
    expect(loadHubConfig({ DATABASE_URL: 'postgres://u@h:5432/db' }).demo).toBe(false);
    expect(loadHubConfig({ DATABASE_URL: 'postgres://u@h:5432/db', HUB_DEMO: '1' }).demo).toBe(true);
  });

  it('refuses a bad value and names every variable at fault', () => {
    let error: unknown;
    try {
      loadHubConfig({ PORT: 'eighty', KAFKA_BROKERS: 'not a broker list', HUB_ISA_QUALIFIER: 'TOO-LONG' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    for (const name of ['PORT', 'KAFKA_BROKERS', 'HUB_ISA_QUALIFIER']) expect(message).toContain(name);
  });

  it('refuses an own EDI identity no interchange could carry, naming the variable (HUB_ISA_QUALIFIER=nn, a 16-character id, a one-letter GS id)', () => {
    for (const [name, value] of [
      ['HUB_ISA_QUALIFIER', 'nn'],
      ['HUB_ISA_QUALIFIER', 'Z1'],
      ['HUB_ISA_ID', 'ORDERHUB-TOO-LONG'],
      ['HUB_ISA_ID', 'ORDER*HUB'],
      ['HUB_GS_ID', 'O'],
      ['HUB_GS_ID', 'ORDER~HUB'],
    ]) {
      expect(() => loadHubConfig({ [name]: value })).toThrow(new RegExp(`^config error: ${name}=`));
    }
    expect(loadHubConfig({ HUB_ISA_QUALIFIER: '01', HUB_ISA_ID: '123456789', HUB_GS_ID: 'HUB APP' })).toMatchObject({
      HUB_ISA_QUALIFIER: '01',
    });
  });

  it('treats empty variables as unset, as docker-compose passes them', () => {
    expect(loadHubConfig({ KAFKA_BROKERS: '', DATABASE_URL: '' })).toMatchObject({ embeddedBus: true, embeddedDatabase: true });
  });
});
