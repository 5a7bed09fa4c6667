import type { AnyToolDefinition } from '../../types'
import { getArticle } from './get-article'
import { searchArticles } from './search-articles'

export { getArticle, searchArticles }

export const articlesTools: readonly AnyToolDefinition[] = [searchArticles, getArticle]
