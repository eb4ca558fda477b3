import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { visibleOrgIds } from '../../platform/access/scope.js';
import { requireActor } from '../../platform/auth/plugin.js';
import { AppError, notFound } from '../../platform/errors.js';
import { Abilities, UuidParam, errorResponses, z } from '../../platform/http/zod.js';
import type { AppDeps } from '../../platform/manifest.js';
import { createOrg } from './commands/create-org.js';
import { createUser } from './commands/create-user.js';
import { resetPassword, updateUser } from './commands/update-user.js';
import { updateOrg } from './commands/update-org.js';
import { listOrgs, loadUsers } from './identity.repo.js';
import { identityAbilities, identityPolicy } from './identity.policy.js';
import {
  CreateOrgBody,
  CreateUserBody,
  CreatedUserDto,
  OrgDto,
  UpdateOrgBody,
  UpdateUserBody,
  UserDto,
} from './identity.schemas.js';
import { exportOrgs, importOrgs, orgTemplate } from './identity.excel.js';

const forbid = (what: string) => new AppError('forbidden', `您没有${what}的权限，请联系系统管理员。`);

export function identityRoutes(app: FastifyInstance, { db }: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['单位与用户'];

  r.get('/api/orgs', {
    schema: {
      tags,
      summary: '单位树（全部单位）',
      response: { 200: z.object({ items: z.array(OrgDto), abilities: Abilities }), ...errorResponses },
    },
    handler: async (req) => {
      const actor = requireActor(req);
      return { items: await listOrgs(db), abilities: identityAbilities(actor) };
    },
  });

  r.post('/api/orgs', {
    schema: { tags, summary: '新建单位', body: CreateOrgBody, response: { 201: OrgDto, ...errorResponses } },
    handler: async (req, reply) => {
      const actor = requireActor(req);
      if (!identityPolicy.manageOrgs(actor)) throw forbid('管理单位');
      reply.status(201);
      return createOrg(db, req.ctx, req.body);
    },
  });

  const xlsx = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  r.get('/api/orgs/template.xlsx', {
    schema: { tags, summary: '单位名单导入模板（Excel）' },
    handler: async (req, reply) => {
      if (!identityPolicy.manageOrgs(requireActor(req))) throw forbid('管理单位');
      return reply
        .type(xlsx)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent('单位名单导入模板.xlsx')}`)
        .send(await orgTemplate());
    },
  });

  r.get('/api/orgs/export.xlsx', {
    schema: { tags, summary: '导出单位名单（Excel）' },
    handler: async (req, reply) => {
      requireActor(req);
      return reply
        .type(xlsx)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent('单位名单.xlsx')}`)
        .send(await exportOrgs(db));
    },
  });

  r.post('/api/orgs/import', {
    // A 5,000-unit list is well under 10 MB; base64 adds a third.
    bodyLimit: 14 * 1024 * 1024,
    schema: {
      tags,
      summary: '从 Excel 导入单位（逐行校验，有错误则整个文件不导入）',
      body: z.strictObject({
        fileName: z.string().trim().min(1).max(200),
        contentBase64: z
          .string({ error: '请选择要导入的 Excel 文件' })
          .min(1)
          .max(14_000_000, { error: '文件不能超过 10 MB' }),
      }),
      response: { 200: z.object({ created: z.number() }), ...errorResponses },
    },
    handler: async (req) => {
      if (!identityPolicy.manageOrgs(requireActor(req))) throw forbid('管理单位');
      return importOrgs(db, req.ctx, Buffer.from(req.body.contentBase64, 'base64'));
    },
  });

  r.patch('/api/orgs/:id', {
    schema: {
      tags,
      summary: '修改单位',
      params: UuidParam,
      body: UpdateOrgBody,
      response: { 200: OrgDto, ...errorResponses },
    },
    handler: async (req) => {
      const actor = requireActor(req);
      if (!identityPolicy.manageOrgs(actor)) throw forbid('管理单位');
      return updateOrg(db, req.ctx, req.params.id, req.body);
    },
  });

  r.get('/api/users', {
    schema: {
      tags,
      summary: '用户列表（按可见范围）',
      querystring: z.strictObject({ q: z.string().max(40).optional(), orgId: z.uuid().optional() }),
      response: { 200: z.object({ items: z.array(UserDto), abilities: Abilities }), ...errorResponses },
    },
    handler: async (req) => {
      const actor = requireActor(req);
      const visible = identityPolicy.manageUsers(actor)
        ? undefined
        : (await visibleOrgIds(db, actor).execute()).map((o) => o.id);
      let orgIds = visible;
      if (req.query.orgId) orgIds = visible ? visible.filter((v) => v === req.query.orgId) : [req.query.orgId];
      const items = await loadUsers(db, {
        orgIds: orgIds && (orgIds.length ? orgIds : ['00000000-0000-0000-0000-000000000000']),
        q: req.query.q,
      });
      return { items, abilities: identityAbilities(actor) };
    },
  });

  r.get('/api/users/:id', {
    schema: { tags, summary: '用户详情', params: UuidParam, response: { 200: UserDto, ...errorResponses } },
    handler: async (req) => {
      const actor = requireActor(req);
      const [user] = await loadUsers(db, { ids: [req.params.id] });
      if (!user) throw notFound('用户');
      if (!identityPolicy.manageUsers(actor) && user.id !== actor.userId) {
        const visible = (await visibleOrgIds(db, actor).execute()).map((o) => o.id);
        if (!visible.includes(user.orgId)) throw notFound('用户');
      }
      return user;
    },
  });

  r.post('/api/users', {
    schema: {
      tags,
      summary: '新建用户（返回一次性初始密码）',
      body: CreateUserBody,
      response: { 201: CreatedUserDto, ...errorResponses },
    },
    handler: async (req, reply) => {
      const actor = requireActor(req);
      if (!identityPolicy.manageUsers(actor)) throw forbid('管理用户');
      reply.status(201);
      return createUser(db, req.ctx, req.body);
    },
  });

  r.patch('/api/users/:id', {
    schema: {
      tags,
      summary: '修改用户、角色',
      params: UuidParam,
      body: UpdateUserBody,
      response: { 200: UserDto, ...errorResponses },
    },
    handler: async (req) => {
      const actor = requireActor(req);
      if (!identityPolicy.manageUsers(actor)) throw notFound('用户');
      return updateUser(db, req.ctx, req.params.id, req.body);
    },
  });

  r.post('/api/users/:id/reset-password', {
    schema: {
      tags,
      summary: '重置密码',
      params: UuidParam,
      response: { 200: z.object({ initialPassword: z.string() }), ...errorResponses },
    },
    handler: async (req) => {
      const actor = requireActor(req);
      if (!identityPolicy.manageUsers(actor)) throw notFound('用户');
      return { initialPassword: await resetPassword(db, req.ctx, req.params.id) };
    },
  });
}
