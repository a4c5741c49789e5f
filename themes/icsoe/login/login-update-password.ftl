<#--
  "Recuperar contraseña" (guide, images 1.7 / 1.8). Overrides base/login/login-update-password.ftl
  of Keycloak 26.7.5: the guide's four rules as a checklist, Regresar + Guardar contraseña.
  The rules come from the realm's password policy when the page is given icsoePasswordRules (a Map)
  and icsoePasswordRulesJson (the same, as embeddable JSON for icsoe.js to tick them live); without
  them the guide's static list is shown. The server stays the authority: its message for the
  failing rule appears under the field.
  The guide has no "sign out other devices" box: a hidden logout-sessions=on keeps Keycloak's default
  of the box. Ending every other session, offline ones too, is IcsoeUpdatePassword's job in realms
  whose UPDATE_PASSWORD config has end_other_sessions=true (the ICSOE realm).
-->
<#import "template.ftl" as layout>
<#import "icsoe-macros.ftl" as icsoe>
<#-- Keycloak reports a broken policy rule as a page message, not a field error: show it under the
     new password (aria-invalid, focused) instead of in a banner. -->
<#assign ruleError = (!messagesPerField.existsError('password','password-confirm') && message?has_content && message.type == 'error')?then(message.summary, '')>
<@layout.registrationLayout displayMessage=!messagesPerField.existsError('password','password-confirm') && !ruleError?has_content showUsername=false; section>
    <#if section = "header">
        ${msg("updatePasswordTitle")}
    <#elseif section = "form">
        <div class="icsoe-rules" id="icsoe-rules">
            <p id="icsoe-rules-title" class="icsoe-rules__title">${msg("icsoeRulesTitle")}</p>
            <ol id="icsoe-rules-list" class="icsoe-rules__list" aria-labelledby="icsoe-rules-title">
            <#if icsoePasswordRules?? && icsoePasswordRules?is_hash>
                <#assign r = icsoePasswordRules>
                <#if r.upperCase?? || r.lowerCase?? || r.digits??>
                    <@rule id="mix">${msg("icsoeRuleMix")}</@rule>
                </#if>
                <#if r.specialChars?has_content>
                    <@rule id="special">${msg("icsoeRuleSpecial")} <span class="icsoe-chars" translate="no"><#list 0..<r.specialChars?length as i>${r.specialChars[i]}<#sep> </#list></span></@rule>
                </#if>
                <#if r.minLength?? || r.maxLength?? || (r.noWhitespace!false) || r.keyboardRun?? || r.sequenceRun??>
                    <@rule id="length">
                        <#if r.minLength??>${msg("icsoeRuleMinLength", r.minLength?c)}</#if><#if r.maxLength??> ${msg("icsoeRuleMaxLength", r.maxLength?c)}</#if><#if r.noWhitespace!false>${msg("icsoeRuleNoWhitespace")}</#if>
                        <#if r.keyboardRun?? && r.sequenceRun??> ${msg("icsoeRuleNoPatterns")}<#elseif r.keyboardRun??> ${msg("icsoeRuleNoKeyboard")}<#elseif r.sequenceRun??> ${msg("icsoeRuleNoSequence")}</#if>
                    </@rule>
                </#if>
                <#if r.repeatRun??>
                    <@rule id="repeat">${msg("icsoeRuleNoRepeat", ""?left_pad(r.repeatRun, "1"))}</@rule>
                </#if>
            <#else>
                <#-- No policy view given: the guide's list, as printed in the guide. -->
                <@rule id="mix">${msg("icsoeRuleMix")}</@rule>
                <@rule id="special">${msg("icsoeRuleSpecial")} <span class="icsoe-chars" translate="no">- * ? ! @ # $ / ( ) = . , : ;</span></@rule>
                <@rule id="length">${msg("icsoeRuleMinLength", "8")}${msg("icsoeRuleNoWhitespace")} ${msg("icsoeRuleNoPatterns")}</@rule>
                <@rule id="repeat">${msg("icsoeRuleNoRepeat", "111111")}</@rule>
            </#if>
            </ol>
            <p id="icsoe-rules-status" class="icsoe-sr" aria-live="polite" data-template="${msg('icsoeRulesStatus')}" data-done="${msg('icsoeRuleDone')}" data-pending="${msg('icsoeRulePending')}"></p>
        </div>
        <#if icsoePasswordRulesJson?has_content>
            <script type="application/json" id="icsoe-password-rules">${icsoePasswordRulesJson?no_esc}</script>
        </#if>

        <form id="kc-passwd-update-form" class="icsoe-form" action="${url.loginAction}" method="post" novalidate>
            <@icsoe.passwordField id="password-new" name="password-new" label=msg("passwordNew") autocomplete="new-password" autofocus=true
                describedBy="icsoe-rules-list"
                error=messagesPerField.existsError('password')?then(messagesPerField.get('password'), ruleError)/>
            <@icsoe.passwordField id="password-confirm" name="password-confirm" label=msg("passwordConfirm") autocomplete="new-password"
                error=messagesPerField.existsError('password-confirm')?then(messagesPerField.get('password-confirm'), '')/>
            <input type="hidden" name="logout-sessions" value="on">
            <div id="kc-form-buttons" class="icsoe-actions">
                <#if isAppInitiatedAction??>
                    <button id="kc-back" class="icsoe-btn icsoe-btn--secondary" type="submit" name="cancel-aia" value="true" formnovalidate>${msg("icsoeBack")}</button>
                <#else>
                    <a id="kc-back" class="icsoe-btn icsoe-btn--secondary" href="${url.loginRestartFlowUrl}">${msg("icsoeBack")}</a>
                </#if>
                <button id="kc-submit" class="icsoe-btn icsoe-btn--primary" type="submit" name="login">${msg("icsoeSavePassword")}</button>
            </div>
        </form>
    </#if>
</@layout.registrationLayout>

<#macro rule id>
    <li class="icsoe-rule" data-rule="${id}"><span class="icsoe-rule__icon" aria-hidden="true"></span><span class="icsoe-rule__text"><#nested></span><span class="icsoe-sr icsoe-rule__state"></span></li>
</#macro>
