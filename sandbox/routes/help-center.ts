/** Help center: search the seeded articles and read one. */
import { ApiError, invalid } from '../errors'
import { words } from '../html'
import { ok, route, type Route, type SandboxRequest } from '../router'
import type { Store } from '../store'
import type { ArticleRecord, JsonObject } from '../types'

export const helpCenterRoutes: Route[] = [
  route('GET', '/articles/search', searchArticles),
  route('GET', '/articles/{article_id}', ({ params, store }) => ok(renderArticle(store, requireArticle(store, params.article_id ?? ''), true))),
]

function articles(store: Store): ArticleRecord[] {
  return store.data.articles ?? []
}

function requireArticle(store: Store, articleId: string): ArticleRecord {
  const article = articles(store).find((candidate) => candidate.id === articleId)
  if (!article) throw new ApiError(404, 'not_found', 'Resource Not Found')
  return article
}

function renderArticle(store: Store, article: ArticleRecord, withStatistics: boolean): JsonObject {
  const rendered: JsonObject = {
    id: article.id,
    type: 'article',
    workspace_id: store.data.app.id_code,
    parent_ids: [],
    tags: { type: 'tag.list', tags: [] },
    title: article.title,
    description: article.description,
    body: article.body,
    author_id: Number(article.author_id),
    state: article.state,
    created_at: article.created_at,
    updated_at: article.updated_at,
    url: article.state === 'published' ? `https://help.sandbox.example.com/en/articles/${article.id}` : null,
  }
  if (withStatistics) {
    rendered.statistics = {
      type: 'article_statistics',
      views: article.views,
      conversions: 0,
      reactions: 0,
      happy_reaction_percentage: 0,
      neutral_reaction_percentage: 0,
      sad_reaction_percentage: 0,
    }
  }
  return rendered
}

/** Marks the phrase's words in a text: [{type: highlight|plain, text}]. */
function highlight(text: string, terms: Set<string>): JsonObject[] {
  return text
    .split(/(\s+)/)
    .filter((piece) => piece !== '')
    .map((piece) => ({ type: terms.has(piece.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '')) ? 'highlight' : 'plain', text: piece }))
}

/** Every word of the phrase must appear in the title, description or body (case-insensitive). */
function searchArticles({ query, store }: SandboxRequest) {
  const phrase = query.get('phrase') ?? ''
  const state = query.get('state')
  if (state !== null && state !== 'published' && state !== 'draft' && state !== 'all') throw invalid('state', 'must be published, draft or all')
  const helpCenterId = query.get('help_center_id')
  if (helpCenterId !== null && !/^\d+$/.test(helpCenterId)) throw invalid('help_center_id', 'must be an integer')
  const highlightParam = query.get('highlight')
  if (highlightParam !== null && highlightParam !== 'true' && highlightParam !== 'false') throw invalid('highlight', 'must be true or false')
  const terms = new Set(words(phrase).map((word) => word.toLowerCase()))
  const matches = articles(store).filter((article) => {
    if (state !== null && state !== 'all' && article.state !== state) return false
    const text = new Set(words(`${article.title} ${article.description} ${article.body}`).map((word) => word.toLowerCase()))
    return [...terms].every((term) => text.has(term))
  })
  const data: JsonObject = {
    articles: matches.map((article) => renderArticle(store, article, false)),
    highlights:
      highlightParam === 'true'
        ? matches.map((article) => ({
            article_id: article.id,
            highlighted_title: highlight(article.title, terms),
            highlighted_summary: [highlight(article.description, terms)],
          }))
        : [],
  }
  return ok({ type: 'list', total_count: matches.length, data, pages: { type: 'pages', page: 1, per_page: 10, total_pages: matches.length === 0 ? 0 : 1 } })
}
