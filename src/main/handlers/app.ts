import { platform } from 'node:process'
import { allowedExternalHref } from '../../shared/external-links'
import { AppError } from '../../shared/errors'
import type { Services } from '../core/services'
import type { HandlerMap } from '../rpc/types'

type AppHandlers = Pick<
  HandlerMap,
  'app:get-info' | 'settings:get' | 'settings:set' | 'app:open-external' | 'app:save-pdf'
>

export function createAppHandlers(services: Services): AppHandlers {
  return {
    'app:get-info': (_input, context) => ({
      name: 'Seasonwatch',
      version: services.version,
      dataDir: services.dataDir,
      databasePath: services.databasePath,
      schemaVersion: services.schemaVersion(),
      runtime: context.runtime,
      platform
    }),
    'settings:get': () => services.settings.get(),
    'settings:set': (patch) => services.settings.set(patch),
    'app:save-pdf': async ({ fileName }) => {
      if (!services.savePdf)
        throw new AppError(
          'FORBIDDEN',
          'Saving as PDF is part of the desktop app. In the browser, use Print and choose "Save as PDF".'
        )
      const path = await services.savePdf(fileName)
      return { saved: path !== null, path }
    },
    'app:open-external': async ({ url }) => {
      const href = allowedExternalHref(url)
      if (href === null)
        throw new AppError('FORBIDDEN', `Seasonwatch only opens links to known sites; ${url} is not one of them.`)
      return { opened: await services.openExternal(href) }
    }
  }
}
