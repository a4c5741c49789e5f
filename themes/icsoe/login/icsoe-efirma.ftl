<#--
  "Ingresa con firma electrónica": the e.firma (FIEL) step of the browser flow, rendered by the
  icsoe-efirma authenticator. New template. The .cer, the .key and its password have no name: the
  page's script (js/icsoe-efirma.js, with node-forge for SAT's PBES2 / 3DES key) reads them, signs the
  one-time challenge with WebCrypto and fills only the hidden certificate, signature and challenge
  fields. Without the script the form posts error=browser_unsupported and gets a message.
-->
<#import "template.ftl" as layout>
<#import "icsoe-macros.ftl" as icsoe>
<@layout.registrationLayout displayMessage=true showUsername=false showTryAnotherWay=false; section>
    <#assign recovery = (efirmaRecovery!false)>
    <#if section = "header">
        ${msg(recovery?then("icsoeEfirmaRecoveryTitle", "icsoeEfirmaTitle"))}
    <#elseif section = "form">
        <p class="icsoe-lead">${msg(recovery?then("icsoeEfirmaRecoverySubtitle", "icsoeEfirmaSubtitle"))}</p>
        <#if message?has_content && message.type = "error">
            <p id="icsoe-efirma-choose-again" class="icsoe-notice">${msg("icsoeEfirmaChooseAgain")}</p>
        </#if>
        <form id="icsoe-efirma-form" class="icsoe-form" action="${url.loginAction}" method="post" novalidate
              data-challenge="${efirmaChallenge}" data-max-bytes="${efirmaMaxBytes?c}"
              data-working="${msg('icsoeEfirmaWorking')}" data-checking="${msg('icsoeEfirmaChecking')}">
            <@icsoe.fileField id="efirma-cer" label=msg("icsoeEfirmaCertificateLabel") accept=".cer,application/pkix-cert"
                choose=msg("icsoeEfirmaCertificateChoose") none=msg("icsoeFileNone")/>
            <@icsoe.fileField id="efirma-key" label=msg("icsoeEfirmaKeyLabel") accept=".key"
                choose=msg("icsoeEfirmaKeyChoose") none=msg("icsoeFileNone")/>
            <@icsoe.passwordField id="efirma-password" name="" label=msg("icsoeEfirmaPasswordLabel")
                autocomplete="off" hint=msg("icsoeEfirmaPasswordHint")/>
            <p id="icsoe-efirma-local" class="icsoe-notice">${msg("icsoeEfirmaStaysHere")}</p>
            <input type="hidden" name="certificate" value="">
            <input type="hidden" name="signature" value="">
            <input type="hidden" name="challenge" value="">
            <input type="hidden" name="error" value="browser_unsupported">
            <p id="icsoe-efirma-status" class="icsoe-hint" role="status" aria-live="polite"></p>
            <div class="icsoe-actions">
                <#assign passwordLogin = "">
                <#list (auth.authenticationSelections)![] as selection>
                    <#if ["auth-username-password-form", "icsoe-username-password-form", "icsoe-reset-curp-email"]?seq_contains(selection.authenticationExecution.authenticator)><#assign passwordLogin = selection.authExecId></#if>
                </#list>
                <#if passwordLogin?has_content>
                    <button id="kc-back-to-login" class="icsoe-btn icsoe-btn--secondary" type="submit" form="icsoe-efirma-back">${msg(recovery?then("icsoeEfirmaRecoveryBack", "icsoeBackToLogin"))}</button>
                <#else>
                    <a id="kc-back-to-login" class="icsoe-btn icsoe-btn--secondary" href="${url.loginRestartFlowUrl}">${msg("icsoeBackToLogin")}</a>
                </#if>
                <button id="icsoe-efirma-submit" class="icsoe-btn icsoe-btn--primary" type="submit">${msg("doLogIn")}</button>
            </div>
        </form>
        <#if passwordLogin?has_content>
            <form id="icsoe-efirma-back" action="${url.loginAction}" method="post">
                <input type="hidden" name="authenticationExecution" value="${passwordLogin}">
            </form>
        </#if>
        <script src="${url.resourcesPath}/js/vendor/forge.min.js" defer></script>
        <script src="${url.resourcesPath}/js/icsoe-efirma.js" defer></script>
    </#if>
</@layout.registrationLayout>
