// Generated migrations, in order. `npm run migration:generate -- <Name>` appends here.
import { InitialBackbone1795312767112 } from './1795312767112-initial-backbone';
export const MIGRATIONS: Function[] = [InitialBackbone1795312767112];
