// The registry actions, standalone (`action(ctx, params)`), under the names `daimm.registry.<action>` has.

export { checkRegistration } from './checkRegistration.js'
export { commitRegistration as commit } from './commitRegistration.js'
export { deprecateModel as deprecate } from './deprecateModel.js'
export { getLineage } from './getLineage.js'
export { getModel } from './getModel.js'
export { registerCommitted } from './registerCommitted.js'
export { registerModel as register } from './registerModel.js'
export { registerWithSignature } from './registerWithSignature.js'
export { signRegistration } from './signRegistration.js'
export { updateModelMetadata as updateMetadata } from './updateModelMetadata.js'
