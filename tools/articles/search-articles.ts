import { z } from 'zod'
import { defineTool } from '../define'
import { invalidResponse } from '../errors'
import { anyArray, asObject, num, pagesSchema, str } from '../schemas/common'
import { articleSchema } from '../schemas/article'

const output = z.object({
  articles: z.array(articleSchema).describe('The matching articles'),
  highlights: anyArray('With highlight: for each article, {article_id, highlighted_title, highlighted_summary} with the matching words marked'),
  type: str('Object type (list)'),
  total_count: num('Total number of matching articles'),
  pages: pagesSchema,
})

export const searchArticles = defineTool({
  id: 'intercom_search_articles',
  name: 'Search articles',
  description:
    "Search the workspace's help center articles for a phrase, to answer a customer with the company's own documentation: e.g. phrase \"reset password\". Returns the matching articles with their title, description, body (HTML) and public url; use intercom_get_article for one article by id. Give state \"published\" to search only what customers can see.",
  params: z.strictObject({
    phrase: z
      .string()
      .refine((value) => value.trim() !== '', { message: 'must not be empty' })
      .describe('The words to look for in the articles, e.g. "reset password".'),
    state: z
      .enum(['published', 'draft', 'all'])
      .optional()
      .describe('Which articles to search: "published" (what customers see), "draft" or "all".'),
    help_center_id: z
      .number()
      .int()
      .nonnegative()
      .optional()
      .describe('The id of one help center to search in, a whole number, when the workspace has several.'),
    highlight: z
      .boolean()
      .optional()
      .describe('true to also get highlights: the title and summary of each match with the matching words marked.'),
  }),
  route: 'GET /articles/search',
  transform: (body) => {
    const list = asObject(body, 'an article search result')
    const data = list.data as Record<string, unknown> | undefined
    if (data === null || typeof data !== 'object' || !Array.isArray(data.articles)) {
      throw invalidResponse("Expected data.articles to be an array in Intercom's answer.")
    }
    return {
      articles: data.articles as Array<z.infer<typeof articleSchema>>,
      highlights: data.highlights as unknown[] | undefined,
      type: list.type as string | undefined,
      total_count: list.total_count as number | undefined,
      pages: list.pages as z.infer<typeof pagesSchema>,
    }
  },
  output,
  annotations: { readOnly: true, destructive: false, idempotent: true },
})

