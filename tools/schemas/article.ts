import { z } from 'zod'
import { anyObject, bool, idOut, list, num, str } from './common'

/** A help center article, as Intercom returns it. Unlisted fields pass through. */
export const articleSchema = z
  .looseObject({
    id: z.string().describe('Id of the article, e.g. "45": the articleId intercom_get_article takes'),
    type: str('Object type (article)'),
    workspace_id: str('Workspace the article belongs to'),
    title: str('Title of the article'),
    description: str('Short description of the article'),
    body: str('Body of the article, as HTML'),
    author_id: idOut('Id of the admin who wrote the article'),
    state: str('published or draft'),
    created_at: num('Unix timestamp when the article was created'),
    updated_at: num('Unix timestamp when the article was last updated'),
    url: str('Public URL of the article in the help center (null for drafts)'),
    parent_id: idOut('Id of the collection or section the article is in'),
    parent_ids: list(idOut('A collection id'), 'Ids of the collections the article is in'),
    parent_type: str('collection or section'),
    default_locale: str('Default language of the article, e.g. "en"'),
    statistics: anyObject('Views, conversations and reactions of the article (get only)'),
    tags: anyObject('Tags of the article'),
    translated_content: anyObject('The article in other languages'),
    has_unpublished_changes: bool('Whether there are unpublished changes'),
  })
  .describe('A help center article')
