import { version as packageVersion } from '../../../package.json'

export const APP_VERSION: string = packageVersion
