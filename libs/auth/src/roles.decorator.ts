import { SetMetadata } from '@nestjs/common';

export const ROLES = ['admin', 'operator'] as const;
export type Role = (typeof ROLES)[number];

export const ROLES_KEY = 'orderhub:roles';
export const PUBLIC_KEY = 'orderhub:public';

/**
 * Every route requires a signed-in user unless marked otherwise. `@Roles('admin')` narrows it;
 * admins may do everything operators may.
 */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/** Routes with their own authentication (partner API key, Shopify HMAC) or none (/health, static assets). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/** The signed-in user, as the guard attaches it to the request. */
export interface AuthenticatedUser {
  id: string;
  email: string;
  role: Role;
}
