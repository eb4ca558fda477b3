import { ROLES } from '../../platform/access/actor.js';
import { z } from '../../platform/http/zod.js';
import {
  type CreatedUserDto as CreatedUser,
  ORG_KINDS,
  type OrgDto as OrgRecord,
  type UserDto as UserRecord,
} from './identity.contract.js';

export const OrgKind = z.enum(ORG_KINDS);

export const OrgDto: z.ZodType<OrgRecord> = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  name: z.string(),
  shortName: z.string().nullable(),
  kind: OrgKind,
  code: z.string().nullable(),
  active: z.boolean(),
  sortOrder: z.number(),
});
export type OrgDto = OrgRecord;

const name = z
  .string({ error: '请填写名称' })
  .trim()
  .min(2, { error: '名称至少 2 个字' })
  .max(60, { error: '名称不能超过 60 个字' });

export const CreateOrgBody = z.strictObject({
  parentId: z.uuid({ error: '上级单位编号格式不正确' }).nullable(),
  name,
  shortName: z.string().trim().max(20).nullable().optional(),
  kind: OrgKind,
  code: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_-]{2,32}$/, { error: '单位代码只能包含字母、数字、下划线和连字符（2–32 位）' })
    .nullable()
    .optional(),
  sortOrder: z.number().int().min(0).max(100000).optional(),
});

export const UpdateOrgBody = z.strictObject({
  name: name.optional(),
  shortName: z.string().trim().max(20).nullable().optional(),
  active: z.boolean().optional(),
  sortOrder: z.number().int().min(0).max(100000).optional(),
});

export const RoleEnum = z.enum(ROLES);

export const GrantDto = z.object({
  role: RoleEnum,
  orgId: z.string(),
  orgName: z.string(),
  includeSubtree: z.boolean(),
});

export const CertificateDto = z.object({ certificateNo: z.string(), issuedOn: z.string(), validUntil: z.string() });

export const UserDto: z.ZodType<UserRecord> = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  active: z.boolean(),
  mustChangePassword: z.boolean(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  grants: z.array(GrantDto),
  certificates: z.array(CertificateDto),
});
export type UserDto = UserRecord;

const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: '日期格式应为 YYYY-MM-DD' });

export const GrantInput = z.strictObject({
  role: RoleEnum,
  orgId: z.uuid({ error: '单位编号格式不正确' }),
  includeSubtree: z.boolean().default(false),
});

export const CreateUserBody = z.strictObject({
  username: z
    .string({ error: '请填写用户名' })
    .trim()
    .regex(/^[a-zA-Z][a-zA-Z0-9_.-]{2,31}$/, { error: '用户名须以字母开头，3–32 位字母、数字、点、下划线或连字符' }),
  displayName: z.string({ error: '请填写姓名' }).trim().min(1, { error: '请填写姓名' }).max(40),
  orgId: z.uuid({ error: '所属单位编号格式不正确' }),
  phone: z
    .string()
    .trim()
    .regex(/^[0-9+\- ]{5,20}$/, { error: '电话号码格式不正确' })
    .nullable()
    .optional(),
  email: z.email({ error: '电子邮箱格式不正确' }).nullable().optional(),
  grants: z.array(GrantInput).max(20).default([]),
  certificate: z
    .strictObject({ certificateNo: z.string().trim().min(4).max(40), issuedOn: localDate, validUntil: localDate })
    .optional(),
});

export const UpdateUserBody = z.strictObject({
  displayName: z.string().trim().min(1).max(40).optional(),
  orgId: z.uuid().optional(),
  active: z.boolean().optional(),
  phone: z.string().trim().max(20).nullable().optional(),
  email: z.email({ error: '电子邮箱格式不正确' }).nullable().optional(),
  grants: z.array(GrantInput).max(20).optional(),
});

export const CreatedUserDto: z.ZodType<CreatedUser> = z.object({ user: UserDto, initialPassword: z.string() });

/** The first installation (CLI `fazhi init` and the first-run page): the government and its first administrator. */
export const InitializeBody = z.strictObject({
  governmentName: name,
  governmentCode: z
    .string({ error: '请填写单位代码' })
    .trim()
    .regex(/^[A-Za-z0-9_-]{2,32}$/, { error: '单位代码只能包含字母、数字、下划线和连字符（2–32 位）' }),
  adminUsername: CreateUserBody.shape.username,
  adminName: CreateUserBody.shape.displayName,
});

/** What the first-run page sends: the above, with the token the server printed at start. */
export const SetupBody = InitializeBody.extend({
  token: z.string({ error: '请填写首次安装令牌' }).trim().min(1, { error: '请填写首次安装令牌' }).max(64),
});
