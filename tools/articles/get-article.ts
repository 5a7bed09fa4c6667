import { z } from 'zod'
import { defineTool } from '../define'
import { idParam } from '../params'
import { articleSchema } from '../schemas/article'
import { asObject } from '../schemas/common'

export const getArticle = defineTool({
  id: 'intercom_get_article',
  name: 'Get article',
  description:
    "Get one help center article by its id (the id of an article returned by intercom_search_articles, digits such as \"45\"): its title, description, full body (HTML), state, public url and statistics. Use it to read an article in full before quoting it to a customer.",
  params: z.strictObject({
    articleId: idParam('Id of the article, digits such as "45" (from intercom_search_articles).'),
  }),
  route: 'GET /articles/{articleId}',
  transform: (body) => ({ article: asObject(body, 'an article') as z.infer<typeof articleSchema> }),
  output: z.object({ article: articleSchema }),
  annotations: { readOnly: true, destructive: false, idempotent: true },
})
