import { h } from '../dom.js';
import { t } from '../i18n.js';

export default async function page(view) {
  view.append(h('p', { text: t('common.soon') }));
  return null;
}
