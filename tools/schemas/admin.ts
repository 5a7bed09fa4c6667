import { z } from 'zod'
import { bool, idOut, list, num, object, str } from './common'

/** A teammate (admin) of the workspace, as Intercom returns it. Unlisted fields pass through. */
export const adminSchema = z
  .looseObject({
    id: z.string().describe('Unique identifier for the admin, e.g. "991267593"'),
    type: str('Object type (admin)'),
    name: str('Name of the admin'),
    email: str('Email of the admin'),
    job_title: str('Job title of the admin'),
    away_mode_enabled: bool('Whether admin is in away mode'),
    away_mode_reassign: bool('Whether to reassign conversations when away'),
    away_status_reason_id: num('Id of the away status reason, when the admin is away'),
    has_inbox_seat: bool('Whether admin has a paid inbox seat'),
    team_ids: list(idOut('A team id'), 'List of team IDs the admin belongs to'),
    avatar: z
      .union([z.string(), z.record(z.string(), z.unknown())])
      .nullish()
      .describe('Avatar information: an image URL in API 2.16 (sent by GET /admins only when display_avatar is true), an object with image_url in older versions'),
    email_verified: bool('Whether email is verified'),
    team_priority_level: object(
      {
        primary_team_ids: list(idOut('A team id'), 'Teams where the admin is a primary member'),
        secondary_team_ids: list(idOut('A team id'), 'Teams where the admin is a secondary member'),
      },
      'Admin priority levels per team',
    ),
    role: object({ type: str('Object type (role)'), id: str('Role id'), name: str('Role name') }, 'The role assigned to this admin, when it has one'),
  })
  .describe('An admin (teammate)')
