<#--
  "Restablecer contraseña" (guide, images 1.2 / 1.3): CURP and registered email. New template,
  rendered by the icsoe reset-credentials step (Keycloak's "try another way" link is off: the e.firma
  alternative has its own link under the form). Fields start empty on purpose (no pre-filled
  attempted username): a shared computer must not offer someone else's CURP. After a refused
  request the email the person just typed comes back (icsoeTypedEmail), never a CURP.
-->
<#import "template.ftl" as layout>
<#import "icsoe-macros.ftl" as icsoe>
<@layout.registrationLayout displayMessage=!messagesPerField.existsError('username','email') showUsername=false showTryAnotherWay=false; section>
    <#if section = "header">
        ${msg("icsoeResetTitle")}
    <#elseif section = "form">
        <p class="icsoe-lead">${msg("icsoeResetSubtitle")}</p>
        <form id="kc-reset-password-form" class="icsoe-form" action="${url.loginAction}" method="post" novalidate>
            <@icsoe.textField id="username" name="username" label=msg("icsoeUsernameLabel")
                autocomplete="username" hint=msg("icsoeUsernameHint") autofocus=true
                error=messagesPerField.existsError('username')?then(messagesPerField.get('username'), '')/>
            <@icsoe.textField id="email" name="email" type="email" value=(icsoeTypedEmail!'') label=msg("icsoeEmailLabel")
                autocomplete="email" inputmode="email" hint=msg("icsoeEmailHint")
                error=messagesPerField.existsError('email')?then(messagesPerField.get('email'), '')/>
            <div class="icsoe-actions">
                <a id="kc-back-to-login" class="icsoe-btn icsoe-btn--secondary" href="${url.loginUrl}">${msg("icsoeBackToLogin")}</a>
                <button id="kc-reset-submit" class="icsoe-btn icsoe-btn--primary" type="submit">${msg("icsoeResetSubmit")}</button>
            </div>
        </form>
        <#-- the e.firma alternative of this flow (icsoe-efirma-recovery), chosen as on the login page -->
        <#assign efirmaRecovery = "">
        <#list (auth.authenticationSelections)![] as selection>
            <#if selection.authenticationExecution.authenticator! == "icsoe-efirma-recovery"><#assign efirmaRecovery = selection.authExecId></#if>
        </#list>
        <#if efirmaRecovery?has_content>
            <form id="icsoe-efirma-recovery-form" class="icsoe-alt-login" action="${url.loginAction}" method="post">
                <input type="hidden" name="authenticationExecution" value="${efirmaRecovery}">
                <p>${msg("icsoeResetNoEmailAccess")} <button id="icsoe-efirma-recovery" class="icsoe-link-button" type="submit"><strong>${msg("icsoeResetWithEfirma")}</strong></button></p>
            </form>
        </#if>
    </#if>
</@layout.registrationLayout>
