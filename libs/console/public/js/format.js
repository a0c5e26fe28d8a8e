// @ts-check
// Display formats. Money arrives as decimal strings and is shown as sent (no float round trip).

export function money(amount, currency = 'USD') {
  if (amount === null || amount === undefined || amount === '') return '—';
  const [whole, fraction = ''] = String(amount).split('.');
  const cents = (fraction + '00').slice(0, Math.max(2, fraction.replace(/0+$/, '').length));
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${currency === 'USD' ? '$' : `${currency} `}${grouped}.${cents}`;
}

export function quantity(value) {
  if (value === null || value === undefined || value === '') return '—';
  return String(value)
    .replace(/\.0+$/, '')
    .replace(/(\.\d*?)0+$/, '$1');
}

export function dateTime(iso) {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? String(iso) : d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** "3 h", "2 d 4 h": how long something has waited. */
export function age(iso, now = Date.now()) {
  const hours = Math.max(0, (now - new Date(iso).getTime()) / 3_600_000);
  if (hours < 1) return `${Math.round(hours * 60)} min`;
  if (hours < 48) return `${Math.floor(hours)} h`;
  return `${Math.floor(hours / 24)} d ${Math.floor(hours % 24)} h`;
}

export function percent(ratio) {
  return ratio === null || ratio === undefined ? '—' : `${(Number(ratio) * 100).toFixed(1)}%`;
}

export function duration(seconds) {
  if (seconds === null || seconds === undefined) return '—';
  const s = Number(seconds);
  if (s < 10) return `${s.toFixed(1)} s`;
  if (s < 120) return `${s.toFixed(0)} s`;
  if (s < 7200) return `${(s / 60).toFixed(1)} min`;
  return `${(s / 3600).toFixed(1)} h`;
}

export const CHANNELS = ['edi', 'email', 'shopify', 'phone'];
export const CHANNEL_LABELS = { edi: 'EDI', email: 'Email', shopify: 'Shopify', phone: 'Phone' };
/**
 * One colour per channel, everywhere (charts, queue, orders): a CSS class whose fill and background are the
 * channel's colour, so a chart never recolours a channel because another had no orders that day.
 * @param {string} channel
 */
export const channelClass = (channel) => `ch-${CHANNELS.includes(channel) ? channel : 'other'}`;
export const PRIORITIES = ['normal', 'rush', 'urgent'];
